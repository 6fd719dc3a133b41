package dev.pippa.application.port.out;

import dev.pippa.domain.user.UserId;
import java.time.Instant;

/**
 * A token whose signature and times checked out: whose it is, its own id (to revoke it by), the user's
 * token version it was issued under, and when it expires.
 */
public record VerifiedToken(UserId user, String id, long version, Instant expiresAt) {
}
