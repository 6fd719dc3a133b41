package dev.pippa.application.port.out;

import dev.pippa.application.port.in.AccessToken;
import dev.pippa.domain.user.UserId;
import java.util.Optional;

/** Issues and verifies signed, expiring bearer tokens. */
public interface AccessTokens {

    AccessToken issue(UserId user);

    /** The user a token was issued to; empty when it is malformed, expired, or not signed by this service. */
    Optional<UserId> verify(String token);
}
