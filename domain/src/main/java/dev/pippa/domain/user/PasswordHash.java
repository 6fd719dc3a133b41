package dev.pippa.domain.user;

import dev.pippa.domain.Check;

/**
 * A password as stored: the self-describing hash string its hasher produced (e.g. {@code $argon2id$...}).
 * Never the password itself; not printed by {@link #toString()} either, so it cannot reach a log by accident.
 */
public record PasswordHash(String value) {

    public PasswordHash {
        Check.length("password_hash", value, 1, 1024);
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}
