package dev.pippa.application.service;

import dev.pippa.application.port.in.AccessToken;
import dev.pippa.application.port.in.AuthUseCases;
import dev.pippa.application.port.in.AuthenticationFailedException;
import dev.pippa.application.port.in.IssueTokenCommand;
import dev.pippa.application.port.in.Password;
import dev.pippa.application.port.in.RegisterUserCommand;
import dev.pippa.application.port.out.AccessTokens;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.PasswordHasher;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import dev.pippa.application.port.out.UserStore;
import dev.pippa.application.port.out.VerifiedToken;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

/** Registration, login, token checks and revocation, password change, account erasure and stream tickets. */
final class AuthService implements AuthUseCases {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final AccessTokens tokens;
    private static final int REMEMBERED_USERS = 100_000;

    /**
     * Users found to exist, with their token version and when they were read (nanoTime): trusted for
     * {@link #REMEMBER_USERS_FOR}, or until a revocation says they changed, then read again.
     */
    private final Map<UserId, KnownUser> knownUsers = new ConcurrentHashMap<>();

    private record KnownUser(long tokenVersion, long checkedAt) {
    }

    private volatile PasswordHash decoy;

    private final StreamTickets tickets;
    private final AccountEraser eraser;
    private final RevocationList revocations;
    private final Clock clock;

    AuthService(UserStore users, PasswordHasher hasher, AccessTokens tokens, ConversationStore conversations,
                Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.tickets = new StreamTickets(users, clock);
        this.eraser = new AccountEraser(conversations, clock);
        this.revocations = new RevocationList(users, clock, knownUsers::remove);
        this.clock = clock;
    }

    @Override
    public User me(OwnerId owner) {
        return users.findUser(new UserId(owner.value()))
                .orElseThrow(() -> new AuthenticationFailedException("The access token names a user that does not exist."));
    }

    /**
     * The user goes first, so their tokens stop working while the rest is erased (on this node at once),
     * with a record that the erasure is pending; then every conversation, each in its own transaction, then
     * what is left of the owner, then the record. A crash in between leaves the record for
     * {@link #resumeErasures} at the next start.
     */
    @Override
    public void deleteAccount(OwnerId owner, Password password) {
        User user = me(owner);
        if (!hasher.matches(password.value(), user.passwordHash())) {
            throw new AuthenticationFailedException("The password is wrong; nothing was deleted.");
        }
        users.deleteUser(user.id());
        knownUsers.remove(user.id());
        revocations.userChanged(user.id(), tokensIssuedNowExpire());
        eraser.erase(owner);
        users.erasureDone(owner);
    }

    @Override
    public int resumeErasures() {
        List<OwnerId> pending = users.pendingErasures();
        for (OwnerId owner : pending) {
            eraser.erase(owner);
            users.erasureDone(owner);
        }
        return pending.size();
    }

    /**
     * The new password moves the user to the next token version, so every token issued before (the one
     * that asked included) stops working: at once here, within about a second on other nodes. The answer is
     * a token under the new version.
     */
    @Override
    public AccessToken changePassword(OwnerId owner, Password current, Password replacement) {
        User user = me(owner);
        if (!hasher.matches(current.value(), user.passwordHash())) {
            throw new AuthenticationFailedException("The current password is wrong; nothing was changed.");
        }
        User changed = users.changePassword(user.id(), hasher.hash(replacement), tokensIssuedNowExpire())
                .orElseThrow(() -> new AuthenticationFailedException("The user no longer exists."));
        knownUsers.remove(user.id());
        return tokens.issue(changed);
    }

    @Override
    public void revoke(String bearerToken) {
        VerifiedToken token = verified(bearerToken);
        revocations.revoke(token.user(), token.id(), token.expiresAt());
    }

    @Override
    public void followRevocations() {
        revocations.refresh();
    }

    /** When a token issued now expires: how long a notice about a user's tokens needs to be kept. */
    private Instant tokensIssuedNowExpire() {
        return clock.instant().plus(tokens.lifetime());
    }

    @Override
    public AccessToken issueStreamTicket(OwnerId owner) {
        return tickets.issue(owner);
    }

    @Override
    public OwnerId redeemStreamTicket(String ticket) {
        return tickets.redeem(ticket);
    }

    @Override
    public User registerUser(RegisterUserCommand command) {
        return users.createUser(command.email(), hasher.hash(command.password()));
    }

    /**
     * An unknown email is checked against a decoy hash, so it costs one hash like a wrong password does:
     * response time does not tell which emails are registered.
     */
    @Override
    public AccessToken issueToken(IssueTokenCommand command) {
        Optional<User> user = parseEmail(command.username()).flatMap(users::findUserByEmail);
        boolean matches = hasher.matches(command.password(), user.map(User::passwordHash).orElseGet(this::decoy));
        if (user.isEmpty() || !matches) {
            throw new AuthenticationFailedException("The email or password is wrong.");
        }
        return tokens.issue(user.get());
    }

    /**
     * A valid signature is not enough: the token must not be revoked, the user must exist (or a token
     * minted for an id that never existed, or whose user is gone, would create data owned by nobody), and
     * it must be of the user's current token version (not from before a password change). Users found once
     * are remembered, so the check costs a database read only the first time.
     */
    @Override
    public OwnerId authenticate(String bearerToken) {
        VerifiedToken token = verified(bearerToken);
        if (revocations.isRevoked(token.id())) {
            throw new AuthenticationFailedException("The access token was revoked.");
        }
        if (token.version() != tokenVersion(token.user())) {
            throw new AuthenticationFailedException(
                    "The access token was issued before the password was changed: sign in again.");
        }
        return token.user().owner();
    }

    private VerifiedToken verified(String bearerToken) {
        return tokens.verify(bearerToken)
                .orElseThrow(() -> new AuthenticationFailedException("The access token is invalid or has expired."));
    }

    private long tokenVersion(UserId id) {
        KnownUser known = knownUsers.get(id);
        if (known == null || System.nanoTime() - known.checkedAt() > REMEMBER_USERS_FOR.toNanos()) {
            User user = users.findUser(id).orElseThrow(() -> {
                knownUsers.remove(id);
                return new AuthenticationFailedException("The access token names a user that does not exist.");
            });
            if (knownUsers.size() >= REMEMBERED_USERS) {
                knownUsers.clear(); // crude but bounded: the next requests re-check their users once
            }
            known = new KnownUser(user.tokenVersion(), System.nanoTime());
            knownUsers.put(id, known);
        }
        return known.tokenVersion();
    }

    private static Optional<Email> parseEmail(String username) {
        try {
            return Optional.of(new Email(username));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    /** Made on first use (a hash costs tens of milliseconds: not worth paying at start-up). */
    private PasswordHash decoy() {
        PasswordHash made = decoy;
        if (made == null) {
            made = hasher.hash(new Password(UUID.randomUUID().toString()));
            decoy = made;
        }
        return made;
    }
}
