package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.UseCases;
import io.helidon.webserver.cors.CorsSupport;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;

/**
 * Everything the HTTP face needs, on one routing. The service and the tests both build their routing
 * here, so tests exercise the production routes, filters and error mapping.
 */
public final class PippaHttp {

    /**
     * @param corsOrigins browser origins allowed to call the API; empty allows none
     * @param accessLog   whether to log one line per request
     */
    public record Options(List<String> corsOrigins, boolean accessLog) {

        public Options {
            corsOrigins = List.copyOf(corsOrigins);
        }
    }

    private PippaHttp() {
    }

    public static void routing(HttpRouting.Builder routing, UseCases useCases, OwnerResolver owners,
                               InFlightRequests inFlight, Options options) {
        routing.addFilter(new RequestObserver(inFlight, options.accessLog()));
        if (!options.corsOrigins().isEmpty()) {
            routing.register(CorsSupport.builder()
                    .allowOrigins(options.corsOrigins().toArray(String[]::new))
                    .allowMethods("GET", "POST", "PATCH", "DELETE")
                    .allowHeaders("Content-Type", "If-Match", "Idempotency-Key", "X-Request-Id", "Authorization")
                    .exposeHeaders("ETag", "Location", "X-Request-Id", "X-Process-Time", "Retry-After")
                    .build());
        }
        routing.register(new ConversationHttpService(useCases, owners), new ApiDocsService());
        ProblemHandler.register(routing);
    }
}
