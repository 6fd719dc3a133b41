package dev.pippa.application.port.in;

import dev.pippa.domain.OwnerId;

public interface AuthenticateUseCase {

    /**
     * The owner a bearer token speaks for.
     *
     * @throws AuthenticationFailedException when the token is malformed, expired, or not signed by us
     */
    OwnerId authenticate(String bearerToken);
}
