package dev.pippa.application.port.out;

import dev.pippa.domain.user.UserId;
import java.time.Instant;

/**
 * A stored revocation: of one token by its id, or, with a null {@code tokenId}, word that the user's tokens
 * changed (a new password, a deleted account) so every node looks the user up again. {@code sequence}
 * tells revocations apart; it is kept until {@code expiresAt}, when the tokens it concerns have expired
 * anyway.
 */
public record Revocation(long sequence, UserId user, String tokenId, Instant recordedAt, Instant expiresAt) {
}
