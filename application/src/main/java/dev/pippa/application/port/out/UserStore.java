package dev.pippa.application.port.out;

import dev.pippa.domain.DomainException;
import dev.pippa.domain.DuplicateException;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import java.util.Optional;

/**
 * The persistence port for users. Implementations assign ids and creation times and raise only
 * {@link DomainException}s.
 */
public interface UserStore {

    /** @throws DuplicateException when a user with this email already exists */
    User createUser(Email email, PasswordHash passwordHash);

    Optional<User> findUserByEmail(Email email);

    /** Whether a user with this id exists (a valid token may name one that does not, or no longer does). */
    boolean userExists(UserId id);
}
