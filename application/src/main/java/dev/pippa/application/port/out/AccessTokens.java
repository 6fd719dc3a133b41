package dev.pippa.application.port.out;

import dev.pippa.application.port.in.AccessToken;
import dev.pippa.domain.user.User;
import java.time.Duration;
import java.util.Optional;

/** Issues and verifies signed, expiring bearer tokens. */
public interface AccessTokens {

    /** A new token for {@code user}, under their current {@link User#tokenVersion()}. */
    AccessToken issue(User user);

    /** What a token says; empty when it is malformed, expired, or not signed by this service. */
    Optional<VerifiedToken> verify(String token);

    /** How long a token stays valid after it is issued. */
    Duration lifetime();
}
