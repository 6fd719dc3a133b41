package dev.pippa.adapter.in.http;

import dev.pippa.adapter.in.http.ProblemHandler.Problem;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.List;

/**
 * Requests Helidon refuses before routing (malformed request line, oversized headers or URI, HTTP/1.0) get
 * the same problem+json body as everything else, from the same builder, instead of Helidon's plain-text
 * page; a 503 also gets Retry-After.
 */
public final class DirectProblems {

    private DirectProblems() {
    }

    public static DirectHandlers handlers() {
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, DirectProblems::handle);
        }
        return builder.build();
    }

    private static DirectHandler.TransportResponse handle(DirectHandler.TransportRequest request,
                                                          DirectHandler.EventType type,
                                                          Status status,
                                                          ServerResponseHeaders headers,
                                                          String message) {
        Problem problem = problemFor(type, status);
        if (problem.status().code() == Status.SERVICE_UNAVAILABLE_503.code()) {
            headers.set(HeaderNames.RETRY_AFTER, ProblemHandler.RETRY_AFTER_SECONDS);
        }
        return DirectHandler.TransportResponse.builder()
                .status(problem.status())
                .headers(headers)
                .header(Send.PROBLEM_JSON)
                .entity(Json.write(ProblemHandler.body(problem, request.path())))
                .build();
    }

    /**
     * Helidon reports a failure outside routing as INTERNAL_ERROR without its cause. No Pippa code runs
     * there: it is Helidon's parser refusing the bytes it got (e.g. a non-ASCII method token, which it
     * throws as IllegalArgumentException), so the honest answer is that the request was malformed.
     */
    private static Problem problemFor(DirectHandler.EventType type, Status status) {
        return switch (type) {
            case HTTP_VERSION_NOT_SUPPORTED -> new Problem(Status.HTTP_VERSION_NOT_SUPPORTED_505,
                    "http_version_not_supported", "Only HTTP/1.1 is served; send the request as HTTP/1.1.", List.of());
            case INTERNAL_ERROR -> new Problem(Status.BAD_REQUEST_400, "bad_request",
                    "The request could not be parsed as HTTP/1.1.", List.of());
            default -> status.code() == Status.SERVICE_UNAVAILABLE_503.code()
                    ? new Problem(status, "unavailable", "The server is at its limit; retry after Retry-After seconds.",
                            List.of())
                    : new Problem(status, status.code() == 414 ? "uri_too_long" : "bad_request",
                            "The request is malformed: " + status.reasonPhrase() + ".", List.of());
        };
    }
}
