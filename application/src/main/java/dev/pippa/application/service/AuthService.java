package dev.pippa.application.service;

import dev.pippa.application.port.in.AccessToken;
import dev.pippa.application.port.in.AuthenticateUseCase;
import dev.pippa.application.port.in.AuthenticationFailedException;
import dev.pippa.application.port.in.IssueTokenCommand;
import dev.pippa.application.port.in.IssueTokenUseCase;
import dev.pippa.application.port.in.Password;
import dev.pippa.application.port.in.RegisterUserCommand;
import dev.pippa.application.port.in.RegisterUserUseCase;
import dev.pippa.application.port.out.AccessTokens;
import dev.pippa.application.port.out.PasswordHasher;
import dev.pippa.domain.Email;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PasswordHash;
import dev.pippa.domain.User;
import dev.pippa.domain.UserStore;
import java.util.Optional;
import java.util.UUID;

/** Registration, login and token checks. */
final class AuthService implements RegisterUserUseCase, IssueTokenUseCase, AuthenticateUseCase {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final AccessTokens tokens;
    private volatile PasswordHash decoy;

    AuthService(UserStore users, PasswordHasher hasher, AccessTokens tokens) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
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

    @Override
    public OwnerId authenticate(String bearerToken) {
        return tokens.verify(bearerToken)
                .orElseThrow(() -> new AuthenticationFailedException("The access token is invalid or has expired."))
                .owner();
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
