package dev.pippa.application.service;

import dev.pippa.application.port.in.AccessToken;
import dev.pippa.application.port.in.AuthenticationFailedException;
import dev.pippa.application.port.out.UserStore;
import dev.pippa.domain.OwnerId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Single-use tickets for event streams: browsers cannot send a header with {@code EventSource} or a
 * WebSocket, and a token in a URL ends up in logs. A ticket is 256 random bits, good once, for
 * {@link #LIFETIME}; the store keeps only its SHA-256, so a leaked database opens no streams.
 */
final class StreamTickets {

    static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserStore users;
    private final Clock clock;

    StreamTickets(UserStore users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    AccessToken issue(OwnerId owner) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        users.saveTicket(hash(ticket), owner, clock.instant().plus(LIFETIME));
        return new AccessToken(ticket, LIFETIME);
    }

    OwnerId redeem(String ticket) {
        return users.takeTicket(hash(ticket), clock.instant()).orElseThrow(() -> new AuthenticationFailedException(
                "This ticket is unknown, used or expired: get a new one from POST /v1/auth/tickets."));
    }

    private static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
