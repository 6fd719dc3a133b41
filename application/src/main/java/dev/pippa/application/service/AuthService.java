package dev.pippa.application.service;

import dev.pippa.application.port.in.AccessToken;
import dev.pippa.application.port.in.AuthUseCases;
import dev.pippa.application.port.in.AuthenticationFailedException;
import dev.pippa.application.port.in.IssueTokenCommand;
import dev.pippa.application.port.in.Password;
import dev.pippa.application.port.in.RegisterUserCommand;
import dev.pippa.application.port.out.AccessTokens;
import dev.pippa.application.port.out.PasswordHasher;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import dev.pippa.application.port.out.UserStore;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

/** Registration, login, token checks and stream tickets. */
final class AuthService implements AuthUseCases {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final AccessTokens tokens;
    private static final int REMEMBERED_USERS = 100_000;

    private final Set<UserId> knownUsers = ConcurrentHashMap.newKeySet();
    private volatile PasswordHash decoy;

    private final StreamTickets tickets;

    AuthService(UserStore users, PasswordHasher hasher, AccessTokens tokens, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.tickets = new StreamTickets(users, clock);
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
        return tokens.issue(user.get().id());
    }

    /**
     * A valid signature is not enough: the user must exist, or a token minted for an id that never
     * existed (or whose user is gone) would create data owned by nobody. Users found once are remembered,
     * so the check costs a database read only the first time.
     */
    @Override
    public OwnerId authenticate(String bearerToken) {
        UserId user = tokens.verify(bearerToken)
                .orElseThrow(() -> new AuthenticationFailedException("The access token is invalid or has expired."));
        if (!knownUsers.contains(user)) {
            if (!users.userExists(user)) {
                throw new AuthenticationFailedException("The access token names a user that does not exist.");
            }
            if (knownUsers.size() >= REMEMBERED_USERS) {
                knownUsers.clear(); // crude but bounded: the next requests re-check their users once
            }
            knownUsers.add(user);
        }
        return user.owner();
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
