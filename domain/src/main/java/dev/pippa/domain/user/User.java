package dev.pippa.domain.user;

import dev.pippa.domain.Check;
import java.time.Instant;

/** A registered user, who owns the conversations created with their token. */
public record User(UserId id, Email email, PasswordHash passwordHash, Instant createdAt) {

    public User {
        Check.notNull("id", id);
        Check.notNull("email", email);
        Check.notNull("password_hash", passwordHash);
        Check.notNull("created_at", createdAt);
    }
}
