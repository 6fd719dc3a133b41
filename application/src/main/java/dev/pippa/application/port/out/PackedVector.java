package dev.pippa.application.port.out;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A unit vector packed to one signed byte per dimension and a scale: a quarter of its float size (384
 * bytes for MiniLM), with a dot product within about 1% of the float one. Stored as is; scored against a
 * float query without unpacking.
 */
public record PackedVector(byte[] values, float scale) {

    /** Packs {@code vector}: each value over the largest magnitude, times 127, rounded. */
    public static PackedVector pack(float[] vector) {
        float largest = 0;
        for (float value : vector) {
            largest = Math.max(largest, Math.abs(value));
        }
        float scale = largest == 0 ? 0 : largest / 127f;
        byte[] values = new byte[vector.length];
        for (int i = 0; i < vector.length; i++) {
            values[i] = scale == 0 ? 0 : (byte) Math.round(vector[i] / scale);
        }
        return new PackedVector(values, scale);
    }

    /** The stored form: the scale (4 bytes, little-endian) then the values. */
    public byte[] toBytes() {
        return ByteBuffer.allocate(4 + values.length).order(ByteOrder.LITTLE_ENDIAN).putFloat(scale).put(values)
                .array();
    }

    public static PackedVector fromBytes(byte[] stored) {
        ByteBuffer buffer = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN);
        float scale = buffer.getFloat();
        byte[] values = new byte[stored.length - 4];
        buffer.get(values);
        return new PackedVector(values, scale);
    }

    public int dimensions() {
        return values.length;
    }
}
