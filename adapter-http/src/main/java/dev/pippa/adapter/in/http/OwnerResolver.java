package dev.pippa.adapter.in.http;

import dev.pippa.domain.OwnerId;
import io.helidon.webserver.http.ServerRequest;

/** Who is calling: decides whose conversations a request may see. */
@FunctionalInterface
public interface OwnerResolver {

    OwnerId ownerOf(ServerRequest request);

    /** Single-tenant: every request acts as the same owner. */
    static OwnerResolver fixed(OwnerId owner) {
        return request -> owner;
    }
}
