package dev.pippa.application.port.in;

import dev.pippa.domain.InvalidInputException;

/**
 * A password in clear, only on its way to the hasher. Its {@link #toString()} never shows it, and the
 * errors it raises never quote it.
 */
public record Password(String value) {

    public static final int MIN_LENGTH = 12;
    /** Long enough for any passphrase, short enough that hashing it costs nothing extra. */
    public static final int MAX_LENGTH = 1024;

    public Password {
        if (value == null) {
            throw new InvalidInputException("password", "is required");
        }
        int characters = value.codePointCount(0, value.length());
        if (characters < MIN_LENGTH || characters > MAX_LENGTH) {
            throw new InvalidInputException("password",
                    "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
    }

    @Override
    public String toString() {
        return "Password[redacted]";
    }
}
