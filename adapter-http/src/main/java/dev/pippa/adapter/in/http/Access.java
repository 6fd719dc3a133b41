package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.AuthUseCases;
import dev.pippa.domain.OwnerId;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call the API: either everyone, as one fixed owner (single-tenant, no login), or registered
 * users with bearer tokens, each seeing only their own conversations.
 */
public record Access(Optional<AuthUseCases> auth, OwnerId singleOwner) {

    public Access {
        Objects.requireNonNull(auth, "auth");
        if (auth.isEmpty()) {
            Objects.requireNonNull(singleOwner, "singleOwner");
        }
    }

    /** No login: every request acts as {@code owner}. */
    public static Access singleTenant(OwnerId owner) {
        return new Access(Optional.empty(), owner);
    }

    /** Registration, tokens, and a valid bearer token on every other /v1 request. */
    public static Access bearerTokens(AuthUseCases auth) {
        return new Access(Optional.of(auth), null);
    }
}
