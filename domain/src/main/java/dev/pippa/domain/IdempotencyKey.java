package dev.pippa.domain;

import java.time.Duration;

/**
 * A client's name for one logical write, so a retried request is applied once. Keys are scoped by owner
 * and remembered for at least {@link #RETENTION}.
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 255;
    public static final Duration RETENTION = Duration.ofHours(24);

    public IdempotencyKey {
        Check.length("Idempotency-Key", value, 1, MAX_LENGTH);
        if (!value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidInputException("Idempotency-Key", "must be visible ASCII characters without spaces");
        }
    }
}
