package dev.pippa.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SIMD dot product gives exactly the loop's result, for every length and offset, extremes included. */
class PackedDotTest {

    @Test
    void givenRandomAndExtremeRows_whenMultipliedBothWays_thenTheResultsAreIdentical() {
        assertThat(PackedDot.forDimensions(384)).as("the tests run with the Vector API").isInstanceOf(SimdDot.class);
        Random random = new Random(11);
        for (int dimensions : new int[] {1, 15, 16, 17, 63, 384, 512, 1000}) {
            byte[] query = new byte[dimensions];
            byte[] rows = new byte[dimensions * 5];
            random.nextBytes(query);
            random.nextBytes(rows);
            java.util.Arrays.fill(rows, dimensions * 4, dimensions * 5, Byte.MIN_VALUE);
            byte[] extreme = query.clone();
            java.util.Arrays.fill(extreme, Byte.MIN_VALUE);
            PackedDot simd = new SimdDot(dimensions);
            PackedDot loop = new PackedDot.LoopDot(dimensions);
            for (int row = 0; row < 5; row++) {
                assertThat(simd.dot(query, rows, row * dimensions)).as(dimensions + "/" + row)
                        .isEqualTo(loop.dot(query, rows, row * dimensions));
                assertThat(simd.dot(extreme, rows, row * dimensions)).isEqualTo(loop.dot(extreme, rows, row * dimensions));
            }
        }
    }
}
