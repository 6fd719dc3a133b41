package dev.pippa.adapter.in.http;

import io.helidon.common.concurrency.limits.FixedLimit;
import io.helidon.common.concurrency.limits.LimitAlgorithm;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/**
 * Bounded request concurrency (Helidon's fixed limit, applied here rather than on the listener): beyond
 * the permits requests wait in a bounded queue for a while, beyond that they are shed at once with 503 +
 * Retry-After. It runs after the body has arrived ({@link BodyReception}), and health, metrics, the event
 * streams and asks for a generated reply bypass it, so slow or stalled clients, or a thousand open streams, can never starve the
 * probes that tell an operator about them.
 */
final class ConcurrencyGate implements Filter {

    private final LimitAlgorithm limit;

    ConcurrencyGate(RequestLimits limits) {
        this.limit = FixedLimit.create(config -> config
                .permits(limits.maxConcurrent())
                .queueLength(limits.queue())
                .queueTimeout(limits.queueTimeout()));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        // Streams, and asks for a reply (which wait or stream until it is written), are bounded by their own
        // limits; holding a permit for minutes or hours would starve ordinary requests.
        String path = request.path().path();
        if (path.startsWith("/observe/") || EventHttpService.isStream(path) || ResponseHttpService.isAsk(path)) {
            chain.proceed();
            return;
        }
        if (!(limit.tryAcquireOutcome(true) instanceof LimitAlgorithm.Outcome.Accepted accepted)) {
            ProblemHandler.send(request, response, new ProblemHandler.Problem(Status.SERVICE_UNAVAILABLE_503,
                    "unavailable", "The server is at its concurrency limit; retry after Retry-After seconds.",
                    List.of()));
            return;
        }
        LimitAlgorithm.Token permit = accepted.token();
        try {
            chain.proceed();
            permit.success();
        } catch (RuntimeException | Error e) {
            permit.dropped();
            throw e;
        }
    }
}
