package dev.pippa.application.testing;

import dev.pippa.domain.DuplicateException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import dev.pippa.application.port.out.UserStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link UserStore} in memory, for unit tests of the application layer. */
public final class InMemoryUserStore implements UserStore {

    private final Map<Email, User> byEmail = new HashMap<>();
    private final Map<String, Map.Entry<OwnerId, Instant>> tickets = new HashMap<>();

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
        byEmail.values().removeIf(user -> user.id().equals(id));
        tickets.values().removeIf(ticket -> ticket.getKey().value().equals(id.value()));
    }

    @Override
    public synchronized boolean userExists(UserId id) {
        return byEmail.values().stream().anyMatch(user -> user.id().equals(id));
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
