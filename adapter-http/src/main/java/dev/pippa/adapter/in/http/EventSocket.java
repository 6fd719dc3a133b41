package dev.pippa.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pippa.application.port.in.AuthenticationFailedException;
import dev.pippa.application.port.in.EventInbox;
import dev.pippa.application.port.in.EventStreamRefusedException;
import dev.pippa.application.port.in.EventStreams;
import dev.pippa.application.port.in.MessageUseCases;
import dev.pippa.application.port.in.PostMessageCommand;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.Message;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.event.EventScope;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One WebSocket at {@code /v1/ws}: JSON commands in (subscribe, unsubscribe, message.create), events,
 * acks and errors out. A rejected command gets an error frame with the problem HTTP would answer, and the
 * socket lives on. Events are relayed by a thread of the socket's own, so a slow client holds up nothing
 * but itself; every send takes one lock, as a socket is not safe for concurrent writers.
 */
final class EventSocket implements WsListener {

    static final String PATH = "/v1/ws";

    /** What every socket shares. */
    record Parts(Access access, EventStreams streams, MessageUseCases messages, EventIds ids, StreamOptions options) {
    }

    private final Parts parts;
    private final Object sending = new Object();
    private final StringBuilder partial = new StringBuilder();
    private OwnerId owner;
    private String refusal;
    private EventInbox inbox;
    private Thread relay;

    EventSocket(Parts parts) {
        this.parts = parts;
    }

    /** Authenticates the upgrade; a refusal is told once the socket is open (close code 1008). */
    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        try {
            if (parts.access().auth().isEmpty()) {
                owner = parts.access().singleOwner();
            } else {
                List<String> tickets = headers.contains(HeaderNames.AUTHORIZATION) ? List.of()
                        : prologue.query().all(EventHttpService.TICKET, List::of);
                owner = tickets.size() == 1 ? parts.access().auth().get().redeemStreamTicket(tickets.getFirst())
                        : parts.access().auth().get().authenticate(AccessControl.bearerToken(headers));
            }
        } catch (AuthenticationFailedException e) {
            refusal = e.getMessage();
        }
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        if (refusal != null) {
            close(session, WsCloseCodes.VIOLATED_POLICY, refusal);
            return;
        }
        try {
            inbox = parts.streams().open(owner);
        } catch (EventStreamRefusedException e) {
            close(session, WsCloseCodes.TRY_AGAIN_LATER, e.getMessage());
            return;
        }
        relay = Thread.ofVirtual().name("pippa-ws-relay").start(() -> relay(session));
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (partial.length() + text.length() > parts.options().maxFrameBytes()) {
            partial.setLength(0);
            close(session, WsCloseCodes.TOO_BIG, "messages are limited to " + parts.options().maxFrameBytes() + " bytes");
            return;
        }
        partial.append(text);
        if (last) {
            String command = partial.toString();
            partial.setLength(0);
            if (inbox != null) {
                handle(session, command);
            }
        }
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        send(session, errorFrame(null, ApiProblem.badRequest("unsupported_frame", "Send commands as JSON text frames.")));
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        stop();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        stop();
    }

    private void handle(WsSession session, String text) {
        String ref = null;
        try {
            if (!(Json.parse(text.getBytes(StandardCharsets.UTF_8)) instanceof ObjectNode command)) {
                throw ApiProblem.badRequest("invalid_command", "A command is a JSON object with a type.");
            }
            ref = command.hasNonNull("ref") ? command.get("ref").asText() : null;
            Object result = run(command);
            if (ref != null) {
                send(session, Json.write(new Ack("ack", ref, result)));
            }
        } catch (RuntimeException e) {
            send(session, errorFrame(ref, e));
        }
    }

    private record Ack(String type, String ref, @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Object data) {
    }

    private record ErrorFrame(String type, String ref, Responses.ProblemJson problem) {
    }

    /** Runs a command; returns what its ack carries (the created message), or null. */
    private Object run(ObjectNode command) {
        String type = command.path("type").asText("");
        return switch (type) {
            case "subscribe" -> {
                EventScope scope = scopeOf(command);
                JsonNode lastEventId = command.get(EventHttpService.LAST_EVENT_ID);
                inbox.follow(scope, parts.ids().positionIn(scope,
                        lastEventId == null || lastEventId.isNull() ? null : lastEventId.asText(),
                        EventHttpService.LAST_EVENT_ID));
                yield null;
            }
            case "unsubscribe" -> {
                inbox.unfollow(scopeOf(command));
                yield null;
            }
            case "message.create" -> {
                ConversationId conversation = conversationOf(command)
                        .orElseThrow(() -> ApiProblem.validation(List.of(
                                new ApiProblem.FieldError("conversation_id", "is required"))));
                BodyFields fields = new BodyFields(command);
                Requests.MessageBody body = Requests.validated(Requests.MessageBody.from(fields), fields);
                Optional<IdempotencyKey> key = Optional.ofNullable(fields.string("idempotency_key"))
                        .map(IdempotencyKey::new);
                Message posted = parts.messages().postMessage(new PostMessageCommand(owner, conversation, body.draft(), key));
                yield Responses.MessageJson.from(posted);
            }
            default -> throw ApiProblem.badRequest("unknown_command", "type must be subscribe, unsubscribe or "
                    + "message.create" + (type.isEmpty() ? " (it is missing)." : ", not '" + type + "'."));
        };
    }

    /** A conversation's events, or (no conversation_id) every event of the user. */
    private EventScope scopeOf(ObjectNode command) {
        return conversationOf(command).map(id -> EventScope.conversation(owner, id)).orElse(EventScope.owner(owner));
    }

    /** A malformed id names nothing: not found, as on HTTP. */
    private static Optional<ConversationId> conversationOf(ObjectNode command) {
        JsonNode id = command.get("conversation_id");
        if (id == null || id.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ConversationId(id.asText()));
        } catch (InvalidInputException e) {
            throw new NotFoundException("conversation", id.asText());
        }
    }

    private void relay(WsSession session) {
        try {
            while (true) {
                switch (inbox.next(parts.options().heartbeat())) {
                    case EventInbox.Delivered delivered -> send(session, Json.write(new EventFrames.EventJson(
                            delivered.event().type().wireName(),
                            parts.ids().of(delivered.scope(), delivered.event().position()),
                            EventFrames.data(delivered.event()))));
                    case EventInbox.Quiet quiet -> {
                        synchronized (sending) {
                            session.ping(BufferData.empty());
                        }
                    }
                    case EventInbox.Ended ended -> {
                        EventFrames.EndedJson why = EventFrames.EndedJson.of(ended.reason());
                        send(session, Json.write(new EventFrames.EventJson("stream.ended", null, why)));
                        close(session, ended.reason() == EventInbox.EndReason.SHUTDOWN ? WsCloseCodes.GOING_AWAY
                                : WsCloseCodes.TRY_AGAIN_LATER, "resume from the last event id (" + why.reason() + ")");
                        inbox.close();
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            // the socket closed
        } catch (RuntimeException e) {
            stop(); // the client is gone
        }
    }

    private byte[] errorFrame(String ref, Throwable failure) {
        return Json.write(new ErrorFrame("error", ref, ProblemHandler.body(ProblemHandler.of(failure), PATH)));
    }

    private void send(WsSession session, byte[] json) {
        synchronized (sending) {
            session.send(new String(json, StandardCharsets.UTF_8), true);
        }
    }

    private void close(WsSession session, int code, String reason) {
        synchronized (sending) {
            // A close reason must fit a control frame (123 bytes).
            session.close(code, reason.length() > 100 ? reason.substring(0, 100) : reason);
        }
    }

    private void stop() {
        if (inbox != null) {
            inbox.close();
        }
        if (relay != null) {
            relay.interrupt();
        }
    }
}
