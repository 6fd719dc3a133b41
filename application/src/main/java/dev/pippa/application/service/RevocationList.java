package dev.pippa.application.service;

import dev.pippa.application.port.out.Revocation;
import dev.pippa.application.port.out.UserStore;
import dev.pippa.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The revocations this node knows of, kept in memory so checking a token costs a map lookup. All stored
 * ones are read at start (revocations outlive a restart); after that {@link #refresh} reads the recent ones
 * each second, so a revocation made on another node takes effect here within about a second. It reads by
 * time with an overlap, not by sequence: on PostgreSQL a smaller sequence can commit after a larger one.
 */
final class RevocationList {

    /** How far back each read reaches: covers commit delays and clocks that disagree between nodes. */
    static final Duration OVERLAP = Duration.ofSeconds(60);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final UserStore users;
    private final Clock clock;
    private final Consumer<UserId> userChanged;
    /** Revoked token ids, each until the token would have expired anyway. */
    private final Map<String, Instant> revokedTokens = new ConcurrentHashMap<>();
    /** Sequences already applied (with when they were recorded), so an overlapping read applies each once. */
    private final Map<Long, Instant> applied = new ConcurrentHashMap<>();
    private Instant readUpTo = Instant.EPOCH;
    /** The first purge waits an hour: start-up reads the revocations but writes nothing. */
    private Instant purgedAt;

    /** @param userChanged told of a user whose password changed or who was deleted (on any node) */
    RevocationList(UserStore users, Clock clock, Consumer<UserId> userChanged) {
        this.users = users;
        this.clock = clock;
        this.userChanged = userChanged;
        this.purgedAt = clock.instant();
        refresh();
    }

    boolean isRevoked(String tokenId) {
        return revokedTokens.containsKey(tokenId);
    }

    /** Revokes one token: stored for every node, and in effect here at once. */
    void revoke(UserId user, String tokenId, Instant expiresAt) {
        users.revoke(user, tokenId, expiresAt);
        revokedTokens.put(tokenId, expiresAt);
    }

    /** Tells every node that the user's tokens changed, until {@code until}. */
    void userChanged(UserId user, Instant until) {
        users.revoke(user, null, until);
    }

    /** Reads what was recorded since the last read (with the overlap); forgets expired ones hourly. */
    synchronized void refresh() {
        Instant now = clock.instant();
        Instant since = readUpTo.equals(Instant.EPOCH) ? Instant.EPOCH : readUpTo.minus(OVERLAP);
        for (Revocation revocation : users.revocationsSince(since)) {
            if (applied.putIfAbsent(revocation.sequence(), revocation.recordedAt()) == null) {
                if (revocation.tokenId() == null) {
                    userChanged.accept(revocation.user());
                } else {
                    revokedTokens.put(revocation.tokenId(), revocation.expiresAt());
                }
            }
        }
        readUpTo = now;
        applied.values().removeIf(recordedAt -> recordedAt.isBefore(since));
        revokedTokens.values().removeIf(expiresAt -> expiresAt.isBefore(now));
        if (Duration.between(purgedAt, now).compareTo(PURGE_EVERY) >= 0) {
            users.forgetRevocations(now);
            purgedAt = now;
        }
    }
}
