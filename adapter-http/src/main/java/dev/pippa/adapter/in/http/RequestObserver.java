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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
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
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    RequestObserver(InFlightRequests inFlight, boolean accessLog) {
        this.inFlight = inFlight;
        this.accessLog = accessLog;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        long start = System.nanoTime();
        String requestId = request.headers().first(REQUEST_ID)
                .filter(id -> SAFE_REQUEST_ID.matcher(id).matches())
                .orElseGet(RequestObserver::newRequestId);
        response.header(REQUEST_ID, requestId);
        response.beforeSend(() -> response.header(PROCESS_TIME, millis(System.nanoTime() - start)));
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
        timers.computeIfAbsent(method + ' ' + route + ' ' + status, key -> timer(method, route, status))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (accessLog) {
            ACCESS.log(System.Logger.Level.INFO, () -> method + " " + request.prologue().uriPath().rawPath() + " "
                    + status + " " + millis(nanos) + "ms id=" + requestId);
        }
    }

    /** One histogram per method, route template and status; looked up once, then cached. */
    private static Timer timer(String method, String route, int status) {
        return Metrics.getOrCreate(Timer.builder("pippa.http.requests")
                .description("HTTP requests by method, route template and status")
                .tags(List.of(Tag.create("method", method), Tag.create("route", route),
                        Tag.create("status", Integer.toString(status))))
                .publishPercentileHistogram(true));
    }

    /** Not a secret, only unique: 128 random bits without SecureRandom's lock on the hot path. */
    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** Milliseconds with three decimals, without String.format's cost on every response. */
    static String millis(long nanos) {
        long micros = nanos / 1_000;
        long fraction = micros % 1_000;
        return (micros / 1_000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }
}
