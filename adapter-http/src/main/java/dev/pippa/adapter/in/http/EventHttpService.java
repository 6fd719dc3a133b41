package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.EventInbox;
import dev.pippa.application.port.in.EventStreams;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import dev.pippa.domain.event.EventType;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Server-Sent Events: a user's events ({@code /v1/events}) or one conversation's. Everything that can be
 * refused (a bad resume id, another user's conversation, too many streams, a forgotten resume point) is
 * refused with problem+json before the stream starts; after that the stream only ends, with a final
 * {@code stream.ended} event (no id, so the client resumes from the last real one) when the server stops
 * or the client falls behind.
 */
public final class EventHttpService {

    static final String USER_EVENTS = "/v1/events";
    static final String CONVERSATION_EVENTS = ConversationHttpService.CONVERSATIONS + "/{conversation_id}/events";
    static final String LAST_EVENT_ID = "last_event_id";
    static final String TICKET = "ticket";

    private final EventStreams streams;
    private final EventIds ids;
    private final StreamOptions options;

    /** @param idKey the key that seals event ids (the cursor key: nodes sharing it accept each other's ids) */
    public EventHttpService(EventStreams streams, byte[] idKey, StreamOptions options) {
        this.streams = streams;
        this.ids = new EventIds(new CursorSeal(idKey));
        this.options = options;
    }

    /** Paths that hold a connection open: they accept a ticket and pass the request concurrency gate. */
    static boolean isStream(String path) {
        return path.equals(USER_EVENTS) || path.equals(EventSocket.PATH)
                || ((path.startsWith(ConversationHttpService.CONVERSATIONS + "/")
                || path.startsWith(ResponseHttpService.RESPONSES + "/")) && path.endsWith("/events"));
    }

    public List<ApiRoute> routes() {
        Set<String> parameters = Set.of(LAST_EVENT_ID, TICKET);
        return List.of(
                new ApiRoute(Method.GET, USER_EVENTS, parameters,
                        (request, response) -> stream(request, response, EventScope.owner(AccessControl.ownerOf(request)))),
                new ApiRoute(Method.GET, CONVERSATION_EVENTS, parameters,
                        (request, response) -> stream(request, response, EventScope.conversation(
                                AccessControl.ownerOf(request), ConversationHttpService.conversationId(request)))));
    }

    private void stream(ServerRequest request, ServerResponse response, EventScope scope) {
        Optional<EventPosition> after = ids.resumePoint(request, scope);
        OwnerId owner = scope.owner();
        try (EventInbox inbox = streams.open(owner)) {
            inbox.follow(scope, after);
            if (request.prologue().method() == Method.HEAD) {
                response.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
                response.status(Status.OK_200).send();
                return;
            }
            SseStream sse = new SseStream(response);
            try (sse) {
                sse.open(options.reconnect());
                // A deleted conversation has nothing more to say: its stream ends with that event.
                sse.relay(inbox, options.heartbeat(), event -> ids.of(scope, event.position()), event -> true,
                        event -> event.type() == EventType.CONVERSATION_DELETED && scope.conversation() != null,
                        EventFrames::data);
            } catch (UncheckedIOException gone) {
                // the client went away: nothing to tell it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
