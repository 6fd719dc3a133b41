package dev.pippa.application.port.in;

import dev.pippa.domain.OwnerId;
import dev.pippa.domain.user.User;

/** Users and their tokens: register, log in, and check a token on every request. */
public interface AuthUseCases {

    /** @throws dev.pippa.domain.DuplicateException when the email is already registered */
    User registerUser(RegisterUserCommand command);

    /**
     * Exchanges an email and password for an access token.
     *
     * @throws AuthenticationFailedException when either is wrong; which one is never told
     */
    AccessToken issueToken(IssueTokenCommand command);

    /**
     * The owner a bearer token speaks for.
     *
     * @throws AuthenticationFailedException when the token is malformed, expired, not signed by us, or for a
     *                                       user that does not exist
     */
    OwnerId authenticate(String bearerToken);
}
