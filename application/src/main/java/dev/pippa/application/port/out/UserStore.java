package dev.pippa.application.port.out;

import dev.pippa.domain.DomainException;
import dev.pippa.domain.DuplicateException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * The persistence port for users. Implementations assign ids and creation times and raise only
 * {@link DomainException}s.
 */
public interface UserStore {

    /** @throws DuplicateException when a user with this email already exists */
    User createUser(Email email, PasswordHash passwordHash);

    Optional<User> findUserByEmail(Email email);

    Optional<User> findUser(UserId id);

    /** Deletes the user and their stream tickets; nothing happens for one that does not exist. */
    void deleteUser(UserId id);

    /** Whether a user with this id exists (a valid token may name one that does not, or no longer does). */
    boolean userExists(UserId id);

    /** Keeps a single-use stream ticket, by its hash, for {@code owner} until {@code expiresAt}. */
    void saveTicket(String hash, OwnerId owner, Instant expiresAt);

    /**
     * Takes the ticket with this hash: its owner if it had not expired at {@code now}. Taken or not, it is
     * gone afterwards, so it works once, on whichever node; expired tickets go along the way.
     */
    Optional<OwnerId> takeTicket(String hash, Instant now);
}
