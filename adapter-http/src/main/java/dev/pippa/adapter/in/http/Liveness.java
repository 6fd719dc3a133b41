package dev.pippa.adapter.in.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /observe/health/live}: UP while the process serves HTTP, with no checks, for a liveness probe
 * (readiness, with the database, stays Helidon's {@code /observe/health/ready}). Helidon's health handler
 * answers the same body through its JSON and media machinery at about a third of the rate a plain route
 * does, which made the load benchmark's no-op measure that handler instead of Pippa's filters
 * (docs/performance.md); registered before the health feature's routes, this one answers first.
 */
final class Liveness {

    static final String PATH = "/observe/health/live";
    private static final byte[] UP = "{\"status\":\"UP\",\"checks\":[]}".getBytes(StandardCharsets.US_ASCII);
    private static final Header NO_STORE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-store");

    private Liveness() {
    }

    static void register(HttpRules rules) {
        rules.route(ApiRoute.GET_OR_HEAD, PathMatchers.exact(PATH), (request, response) -> {
            response.header(NO_STORE);
            Send.bytes(request, response, Status.OK_200, Send.JSON, UP);
        });
    }
}
