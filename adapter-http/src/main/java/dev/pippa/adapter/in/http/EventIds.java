package dev.pippa.adapter.in.http;

import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Optional;

/**
 * Event ids on the wire: the event's position and the stream it was sent on, sealed like cursors
 * ({@link CursorSeal}), so a client cannot forge one, and an id from another stream is told apart from a
 * valid one (400) instead of silently resuming the wrong history. Nodes sharing the key accept each
 * other's ids, and ids survive restarts.
 */
final class EventIds {

    private static final HeaderName LAST_EVENT_ID_HEADER = HeaderNames.create("Last-Event-ID");

    private static final String PREFIX = "ev";
    private static final char PART = ':';

    private final CursorSeal seal;

    EventIds(CursorSeal seal) {
        this.seal = seal;
    }

    String of(EventScope scope, EventPosition position) {
        return seal.seal(PREFIX + PART + streamOf(scope) + PART + position.transaction() + PART + position.sequence());
    }

    /**
     * The position an id of {@code scope}'s stream names; empty for no id (start from now).
     *
     * @throws ApiProblem 400 naming {@code parameter} (a query parameter or header) when the id is malformed
     *                    or from another stream
     */
    /**
     * Where a stream resumes: from the standard header (what EventSource sends on reconnect) or the query
     * parameter (for clients that cannot set headers on a first connect); a problem names the one sent.
     */
    Optional<EventPosition> resumePoint(ServerRequest request, EventScope scope) {
        Optional<String> header = request.headers().first(LAST_EVENT_ID_HEADER);
        Optional<String> parameter = QueryParameters.single(request, EventHttpService.LAST_EVENT_ID);
        if (header.isPresent() && parameter.isPresent() && !header.get().strip().equals(parameter.get().strip())) {
            throw ApiProblem.badRequest("ambiguous_resume_point",
                    "Last-Event-ID and last_event_id disagree; send one of them.");
        }
        return header.isPresent() ? positionIn(scope, header.get(), LAST_EVENT_ID_HEADER.defaultCase())
                : positionIn(scope, parameter.orElse(null), EventHttpService.LAST_EVENT_ID);
    }

    Optional<EventPosition> positionIn(EventScope scope, String id, String parameter) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String[] parts = seal.verified(id.strip()).map(opened -> opened.split(String.valueOf(PART), -1))
                .orElse(new String[0]);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw invalid(parameter, "is not an event id this server issued; pass back the id of the last event "
                    + "received, exactly");
        }
        if (!parts[1].equals(streamOf(scope))) {
            throw invalid(parameter, "is an event id of another stream; resume each stream with an id it sent");
        }
        try {
            return Optional.of(new EventPosition(Long.parseLong(parts[2]), Long.parseLong(parts[3])));
        } catch (IllegalArgumentException e) {
            throw invalid(parameter, "is not an event id this server issued");
        }
    }

    private static ApiProblem invalid(String parameter, String message) {
        return new ApiProblem(Status.BAD_REQUEST_400, "invalid_event_id", "'" + parameter + "' " + message + ".",
                List.of(new ApiProblem.FieldError(parameter, message)));
    }

    private static String streamOf(EventScope scope) {
        return scope.conversation() == null ? "user" : "conversation/" + scope.conversation().value();
    }
}
