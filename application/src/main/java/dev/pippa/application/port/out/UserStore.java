package dev.pippa.application.port.out;

import dev.pippa.domain.DomainException;
import dev.pippa.domain.DuplicateException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import java.time.Instant;
import java.util.List;
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

    /**
     * Stores a new password hash and moves the user to the next token version, so the tokens issued before
     * stop working; in the same transaction it records a user-wide {@link Revocation} kept until
     * {@code notifyUntil}, so other nodes learn of it. Returns the user as changed; empty for an unknown user.
     */
    Optional<User> changePassword(UserId id, PasswordHash passwordHash, Instant notifyUntil);

    /** Records a revocation: of one token ({@code tokenId}), or user-wide (null), kept until {@code expiresAt}. */
    void revoke(UserId user, String tokenId, Instant expiresAt);

    /**
     * The revocations recorded at or after {@code since} (by the recording node's clock). Nodes poll with an
     * overlap rather than by sequence: on PostgreSQL a smaller sequence can commit after a larger one.
     */
    List<Revocation> revocationsSince(Instant since);

    /** Forgets the revocations that expired before {@code now}; returns how many. */
    int forgetRevocations(Instant now);

    /**
     * Deletes the user and their stream tickets and records, in the same transaction, that their data is
     * still to be erased (see {@link #pendingErasures}); nothing happens for a user that does not exist.
     */
    void deleteUser(UserId id);

    /** The owners whose user was deleted but whose data is not known to be erased yet. */
    List<OwnerId> pendingErasures();

    /** The owner's data is erased: forgets the record {@link #deleteUser} made. */
    void erasureDone(OwnerId owner);

    /** Keeps a single-use stream ticket, by its hash, for {@code owner} until {@code expiresAt}. */
    void saveTicket(String hash, OwnerId owner, Instant expiresAt);

    /**
     * Takes the ticket with this hash: its owner if it had not expired at {@code now}. Taken or not, it is
     * gone afterwards, so it works once, on whichever node; expired tickets go along the way.
     */
    Optional<OwnerId> takeTicket(String hash, Instant now);
}
