package dev.pippa.adapter.in.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Requests Helidon refuses before routing (malformed request line, oversized headers or URI, or the
 * concurrency limit reached) get the same problem+json shape as everything else instead of Helidon's
 * plain-text page; a shed request also gets Retry-After.
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
        boolean overloaded = status.code() == Status.SERVICE_UNAVAILABLE_503.code();
        boolean serverFault = status.code() >= 500 && !overloaded;
        String code = overloaded ? "unavailable" : serverFault ? "internal_error" : "bad_request";
        String detail = overloaded ? "The server is at its concurrency limit; retry after Retry-After seconds."
                : serverFault ? "An unexpected error occurred; it has been logged."
                : "The request is malformed: " + status.reasonPhrase() + ".";
        if (overloaded) {
            headers.set(HeaderNames.RETRY_AFTER, ProblemHandler.RETRY_AFTER_SECONDS);
        }
        Responses.ProblemJson body = new Responses.ProblemJson("urn:pippa:problem:" + code, status.reasonPhrase(),
                status.code(), detail, request.path(), code, null);
        return DirectHandler.TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(Send.PROBLEM_JSON)
                .entity(Json.write(body))
                .build();
    }
}
