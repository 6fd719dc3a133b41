package dev.pippa.application.service;

/**
 * The integer dot product of a packed query with one packed row: the inner loop of a brute-force vector
 * search. With the JDK's Vector API present (the JVM started with {@code --add-modules jdk.incubator.vector},
 * as {@code ./pippa} does) it runs on SIMD instructions, about five times faster here (docs/performance.md);
 * otherwise a plain loop, which the JIT does not vectorize.
 */
interface PackedDot {

    int dot(byte[] query, byte[] values, int offset);

    /** The SIMD version when the Vector API is there, else the loop. */
    static PackedDot forDimensions(int dimensions) {
        boolean simd = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        return simd ? new SimdDot(dimensions) : new LoopDot(dimensions);
    }

    /** One multiply-add per dimension. */
    record LoopDot(int dimensions) implements PackedDot {
        @Override
        public int dot(byte[] query, byte[] values, int offset) {
            int dot = 0;
            for (int i = 0; i < dimensions; i++) {
                dot += query[i] * values[offset + i];
            }
            return dot;
        }
    }
}
