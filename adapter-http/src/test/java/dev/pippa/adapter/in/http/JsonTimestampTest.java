package dev.pippa.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTimestampTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void givenInstantsAcrossFourCenturies_whenFormatted_thenTheyMatchTheJdkFormatterToTheMillisecond() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(-8_000_000_000_000L, 200_000_000_000_000L))
                    .plusNanos(random.nextInt(1_000_000));
            assertThat(Json.timestamp(instant)).as(instant.toString()).isEqualTo(REFERENCE.format(instant));
        }
        assertThat(Json.timestamp(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
    }
}
