package dev.pippa.domain.user;

import dev.pippa.domain.Check;
import java.time.Instant;

/**
 * A registered user, who owns the conversations created with their token. {@code tokenVersion} grows with
 * every password change; a token carries the version it was issued under and is refused once it differs.
 */
public record User(UserId id, Email email, PasswordHash passwordHash, Instant createdAt, long tokenVersion) {

    public User {
        Check.notNull("id", id);
        Check.notNull("email", email);
        Check.notNull("password_hash", passwordHash);
        Check.notNull("created_at", createdAt);
    }

    /** A user whose password never changed. */
    public User(UserId id, Email email, PasswordHash passwordHash, Instant createdAt) {
        this(id, email, passwordHash, createdAt, 0);
    }
}
