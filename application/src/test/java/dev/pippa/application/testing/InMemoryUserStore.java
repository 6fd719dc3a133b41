package dev.pippa.application.testing;

import dev.pippa.domain.DuplicateException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import dev.pippa.application.port.out.Revocation;
import dev.pippa.application.port.out.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link UserStore} in memory, for unit tests of the application layer. */
public final class InMemoryUserStore implements UserStore {

    private final Map<Email, User> byEmail = new HashMap<>();
    private final Map<String, Map.Entry<OwnerId, Instant>> tickets = new HashMap<>();
    private final List<Revocation> revocations = new ArrayList<>();
    private final Set<OwnerId> erasures = new LinkedHashSet<>();

    @Override
    public synchronized User createUser(Email email, PasswordHash passwordHash) {
        if (byEmail.containsKey(email)) {
            throw new DuplicateException("user", "email");
        }
        User user = new User(UserId.next(TimeOrderedIds.shared()), email, passwordHash, Instant.now());
        byEmail.put(email, user);
        return user;
    }

    @Override
    public synchronized Optional<User> findUserByEmail(Email email) {
        return Optional.ofNullable(byEmail.get(email));
    }

    @Override
    public synchronized Optional<User> findUser(UserId id) {
        return byEmail.values().stream().filter(user -> user.id().equals(id)).findFirst();
    }

    @Override
    public synchronized void deleteUser(UserId id) {
        if (byEmail.values().removeIf(user -> user.id().equals(id))) {
            erasures.add(id.owner());
        }
        tickets.values().removeIf(ticket -> ticket.getKey().value().equals(id.value()));
    }

    @Override
    public synchronized List<OwnerId> pendingErasures() {
        return List.copyOf(erasures);
    }

    @Override
    public synchronized void erasureDone(OwnerId owner) {
        erasures.remove(owner);
    }

    @Override
    public synchronized Optional<User> changePassword(UserId id, PasswordHash passwordHash, Instant notifyUntil) {
        Optional<User> changed = findUser(id).map(user -> new User(user.id(), user.email(), passwordHash,
                user.createdAt(), user.tokenVersion() + 1));
        changed.ifPresent(user -> {
            byEmail.put(user.email(), user);
            revoke(id, null, notifyUntil);
        });
        return changed;
    }

    @Override
    public synchronized void revoke(UserId user, String tokenId, Instant expiresAt) {
        revocations.add(new Revocation(revocations.size() + 1, user, tokenId, Instant.now(), expiresAt));
    }

    @Override
    public synchronized List<Revocation> revocationsSince(Instant since) {
        return revocations.stream().filter(revocation -> !revocation.recordedAt().isBefore(since)).toList();
    }

    @Override
    public synchronized int forgetRevocations(Instant now) {
        int before = revocations.size();
        revocations.removeIf(revocation -> revocation.expiresAt().isBefore(now));
        return before - revocations.size();
    }

    @Override
    public synchronized void saveTicket(String hash, OwnerId owner, Instant expiresAt) {
        tickets.put(hash, Map.entry(owner, expiresAt));
    }

    @Override
    public synchronized Optional<OwnerId> takeTicket(String hash, Instant now) {
        tickets.values().removeIf(ticket -> ticket.getValue().isBefore(now));
        return Optional.ofNullable(tickets.remove(hash)).map(Map.Entry::getKey);
    }
}
