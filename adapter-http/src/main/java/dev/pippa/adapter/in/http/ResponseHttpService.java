package dev.pippa.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pippa.application.port.in.CreateResponseCommand;
import dev.pippa.application.port.in.EventInbox;
import dev.pippa.application.port.in.EventStreams;
import dev.pippa.application.port.in.GenerationUseCases;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import dev.pippa.domain.generation.GenerationRequest;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseId;
import dev.pippa.domain.generation.ResponseStatus;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Generated replies. Asking follows the conversation's events from before the write, so the reply's
 * events cannot slip by: the request then either waits for the outcome (201, or 202 with the response as
 * it stands when the wait runs out) or relays them as Server-Sent Events until the outcome.
 */
public final class ResponseHttpService {

    static final String RESPONSES = "/v1/responses";

    private final Optional<GenerationUseCases> generation;
    private final EventStreams streams;
    private final EventIds ids;
    private final StreamOptions options;
    private final Duration wait;

    /**
     * @param generation empty when no chat model is configured: the routes then say so (501)
     * @param wait       how long a request without {@code stream} waits for the reply
     */
    public ResponseHttpService(Optional<GenerationUseCases> generation, EventStreams streams, byte[] idKey,
                               StreamOptions options, Duration wait) {
        this.generation = generation;
        this.streams = streams;
        this.ids = new EventIds(new CursorSeal(idKey));
        this.options = options;
        this.wait = wait;
    }

    /**
     * An ask for a reply: it holds its connection until the reply is written (or the wait runs out), so it
     * is bounded by the generation and stream limits, not by the request concurrency gate.
     */
    static boolean isAsk(String path) {
        return path.startsWith(ConversationHttpService.CONVERSATIONS + "/") && path.endsWith("/responses");
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(Method.POST, ConversationHttpService.CONVERSATIONS + "/{conversation_id}/responses",
                        this::create),
                new ApiRoute(Method.GET, RESPONSES + "/{response_id}", this::get),
                new ApiRoute(Method.GET, RESPONSES + "/{response_id}/events",
                        Set.of(EventHttpService.LAST_EVENT_ID, EventHttpService.TICKET), this::events),
                new ApiRoute(Method.POST, RESPONSES + "/{response_id}/cancel", this::cancel));
    }

    private void create(ServerRequest request, ServerResponse response) {
        GenerationUseCases enabled = enabled();
        OwnerId owner = AccessControl.ownerOf(request);
        ConversationId conversation = ConversationHttpService.conversationId(request);
        BodyFields fields = new BodyFields(RequestBodies.readObject(request));
        NewMessage input = input(fields);
        GenerationRequest asked = asked(fields);
        boolean stream = fields.bool("stream", false) || request.headers().first(HeaderNames.ACCEPT)
                .map(accept -> accept.contains("text/event-stream")).orElse(false);
        fields.requireNoErrors();
        try (EventInbox inbox = streams.open(owner)) {
            EventScope scope = EventScope.conversation(owner, conversation);
            inbox.follow(scope, Optional.empty());
            Response created = enabled.createResponse(new CreateResponseCommand(owner, conversation, input, asked,
                    ConversationHttpService.idempotencyKey(request)));
            if (stream) {
                relay(inbox, scope, created.id(), response);
            } else {
                Response outcome = created.status().isFinal() ? created : awaitOutcome(inbox, created);
                Send.json(request, response, outcome.status().isFinal() ? Status.CREATED_201 : Status.ACCEPTED_202,
                        json(outcome));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The outcome once its event comes; the response as it stands if the wait runs out or the inbox ends. */
    private Response awaitOutcome(EventInbox inbox, Response created) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            EventInbox.Next next = inbox.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (next instanceof EventInbox.Ended) {
                break; // the server is stopping, or the inbox fell behind: answer with what is stored
            }
            if (next instanceof EventInbox.Delivered delivered && isOutcome(delivered.event())
                    && ((Event.ResponseChanged) delivered.event()).response().id().equals(created.id())) {
                return ((Event.ResponseChanged) delivered.event()).response();
            }
        }
        return enabled().getResponse(created.owner(), created.id());
    }

    /**
     * A response's events: with a resume point, those after it; without, from its start (or, when it has
     * already ended, just its outcome). Either way the stream ends with the outcome.
     */
    private void events(ServerRequest request, ServerResponse response) {
        OwnerId owner = AccessControl.ownerOf(request);
        Response current = enabled().getResponse(owner, responseId(request));
        EventScope scope = EventScope.conversation(owner, current.conversationId());
        Optional<EventPosition> after = ids.resumePoint(request, scope);
        try (EventInbox inbox = streams.open(owner)) {
            if (after.isEmpty() && current.status().isFinal()) {
                try (SseStream sse = new SseStream(response)) {
                    sse.open(options.reconnect());
                    sse.event(null, outcomeEvent(current.status()), Json.write(json(current)));
                }
                return;
            }
            after.ifPresentOrElse(position -> inbox.follow(scope, Optional.of(position)),
                    () -> inbox.followRetained(scope));
            relay(inbox, scope, current.id(), response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void relay(EventInbox inbox, EventScope scope, ResponseId id, ServerResponse response)
            throws InterruptedException {
        try (SseStream sse = new SseStream(response)) {
            sse.open(options.reconnect());
            sse.relay(inbox, options.heartbeat(), event -> ids.of(scope, event.position()),
                    event -> concerns(event, id), ResponseHttpService::isOutcome,
                    event -> isOutcome(event) ? json(((Event.ResponseChanged) event).response())
                            : EventFrames.data(event));
        } catch (UncheckedIOException gone) {
            // the client left; the generation goes on
        }
    }

    private static boolean isOutcome(Event event) {
        return event instanceof Event.ResponseChanged changed && changed.response().status().isFinal();
    }

    private static String outcomeEvent(ResponseStatus status) {
        return "response." + status.wireName();
    }

    private static boolean concerns(Event event, ResponseId id) {
        return event instanceof Event.ResponseChanged changed && changed.response().id().equals(id)
                || event instanceof Event.ResponseDelta delta && delta.responseId().equals(id);
    }

    private void get(ServerRequest request, ServerResponse response) {
        Send.json(request, response, Status.OK_200, json(enabled().getResponse(AccessControl.ownerOf(request),
                responseId(request))));
    }

    private void cancel(ServerRequest request, ServerResponse response) {
        Send.json(request, response, Status.OK_200, json(enabled().cancelResponse(AccessControl.ownerOf(request),
                responseId(request))));
    }

    /** The response as the API shows it: with its message once it wrote one. */
    private Responses.ResponseJson json(Response response) {
        return Responses.ResponseJson.from(response,
                enabled().outputOf(response).map(Responses.MessageJson::from).orElse(null));
    }

    /** {@code input}: the user's text, or a message {@code {role: "user", content, metadata?}}. */
    private static NewMessage input(BodyFields fields) {
        JsonNode input = fields.raw("input");
        if (input != null && input.isTextual()) {
            try {
                return new NewMessage(Role.USER, input.textValue(), Metadata.EMPTY);
            } catch (InvalidInputException e) {
                throw ApiProblem.validation(List.of(new ApiProblem.FieldError("input", e.reason())));
            }
        }
        if (input instanceof ObjectNode message) {
            BodyFields inner = new BodyFields(message);
            Requests.MessageBody body = Requests.validated(Requests.MessageBody.from(inner), inner);
            if (!"user".equals(body.role())) {
                throw ApiProblem.validation(List.of(new ApiProblem.FieldError("input.role", "must be user")));
            }
            return body.draft();
        }
        throw ApiProblem.validation(List.of(new ApiProblem.FieldError("input",
                input == null ? "is required" : "must be a string or a message object")));
    }

    private static GenerationRequest asked(BodyFields fields) {
        return new GenerationRequest(fields.string("instructions"), fields.string("model"),
                fields.integer("max_output_tokens"), fields.number("temperature"));
    }

    private static ResponseId responseId(ServerRequest request) {
        String raw = request.path().pathParameters().get("response_id");
        try {
            return new ResponseId(raw);
        } catch (InvalidInputException e) {
            throw new NotFoundException("response", raw);
        }
    }

    private GenerationUseCases enabled() {
        return generation.orElseThrow(() -> new ApiProblem(Status.NOT_IMPLEMENTED_501, "model_not_configured",
                "No chat model is configured on this server: set PIPPA_CHAT_BASE_URL and PIPPA_CHAT_MODEL"
                        + " (and PIPPA_CHAT_API_KEY if the endpoint needs one).", List.of()));
    }
}
