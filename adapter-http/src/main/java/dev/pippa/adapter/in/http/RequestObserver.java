package dev.pippa.adapter.in.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Wraps every request: request id (echoed or made), X-Process-Time, the drain gate (503 while shutting
 * down), one access-log line, and a latency histogram per method, route and status.
 */
final class RequestObserver implements Filter {

    static final HeaderName REQUEST_ID = HeaderNames.create("X-Request-Id");
    static final HeaderName PROCESS_TIME = HeaderNames.create("X-Process-Time");
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final System.Logger ACCESS = System.getLogger("pippa.access");

    private final InFlightRequests inFlight;
    private final boolean accessLog;

    RequestObserver(InFlightRequests inFlight, boolean accessLog) {
        this.inFlight = inFlight;
        this.accessLog = accessLog;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        long start = System.nanoTime();
        String requestId = request.headers().first(REQUEST_ID)
                .filter(id -> SAFE_REQUEST_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        response.header(REQUEST_ID, requestId);
        response.beforeSend(() -> response.header(PROCESS_TIME,
                String.format(Locale.ROOT, "%.3f", (System.nanoTime() - start) / 1_000_000.0)));
        if (!inFlight.tryEnter()) {
            ProblemHandler.send(request, response, new ProblemHandler.Problem(Status.SERVICE_UNAVAILABLE_503,
                    "shutting_down", "The server is shutting down; retry against another instance or shortly.",
                    List.of()));
            return;
        }
        try {
            chain.proceed();
        } finally {
            inFlight.exit();
            record(request, response, requestId, System.nanoTime() - start);
        }
    }

    private void record(RoutingRequest request, RoutingResponse response, String requestId, long nanos) {
        String method = request.prologue().method().text();
        int status = response.status().code();
        String route = request.matchingPattern().orElse("unmatched");
        Metrics.getOrCreate(Timer.builder("pippa.http.requests")
                        .description("HTTP requests by method, route template and status")
                        .tags(List.of(Tag.create("method", method), Tag.create("route", route),
                                Tag.create("status", Integer.toString(status))))
                        .publishPercentileHistogram(true))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (accessLog) {
            ACCESS.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT, "%s %s %d %.3fms id=%s",
                    method, request.prologue().uriPath().rawPath(), status, nanos / 1_000_000.0, requestId));
        }
    }
}
