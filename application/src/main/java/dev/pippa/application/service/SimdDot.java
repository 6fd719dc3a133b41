package dev.pippa.application.service;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PackedDot} on the Vector API: bytes widened to shorts (a byte product always fits a short), multiplied
 * lane by lane, widened to ints and summed; the dimensions past the last full vector in a plain loop. Loaded
 * only when the {@code jdk.incubator.vector} module is present.
 */
final class SimdDot implements PackedDot {

    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(SHORTS.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, SHORTS.vectorShape());

    private final int dimensions;
    private final int vectorised;

    SimdDot(int dimensions) {
        this.dimensions = dimensions;
        this.vectorised = dimensions - dimensions % BYTES.length();
    }

    @Override
    public int dot(byte[] query, byte[] values, int offset) {
        IntVector sum = IntVector.zero(INTS);
        for (int i = 0; i < vectorised; i += BYTES.length()) {
            ShortVector q = (ShortVector) ByteVector.fromArray(BYTES, query, i)
                    .convertShape(VectorOperators.B2S, SHORTS, 0);
            ShortVector v = (ShortVector) ByteVector.fromArray(BYTES, values, offset + i)
                    .convertShape(VectorOperators.B2S, SHORTS, 0);
            ShortVector product = q.mul(v);
            sum = sum.add(product.convertShape(VectorOperators.S2I, INTS, 0))
                    .add(product.convertShape(VectorOperators.S2I, INTS, 1));
        }
        int dot = sum.reduceLanes(VectorOperators.ADD);
        for (int i = vectorised; i < dimensions; i++) {
            dot += query[i] * values[offset + i];
        }
        return dot;
    }
}
