package dev.pippa.application.port.in;

/**
 * Generations not yet ended (queued or in progress) allowed at once, per user and in total; one more is
 * refused ({@link TooManyGenerationsException}). On PostgreSQL two nodes may each admit one more at the
 * same instant; SQLite's single writer keeps the count exact.
 */
public record GenerationLimits(int perUser, int total) {

    public static final GenerationLimits NONE = new GenerationLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

    public GenerationLimits {
        if (perUser < 1 || total < 1) {
            throw new IllegalArgumentException("generation limits must be at least 1");
        }
    }
}
