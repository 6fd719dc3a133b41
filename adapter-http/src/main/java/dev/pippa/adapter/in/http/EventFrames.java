package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.EventInbox;
import dev.pippa.domain.event.Event;
import java.util.Locale;
import java.util.Optional;

/** How events look on the wire: the type, the sealed id, and the same JSON object the REST API returns. */
final class EventFrames {

    /** A deleted conversation's or message's data, shaped like OpenAI's deletion objects. */
    record DeletedJson(String id, String object, boolean deleted) {
    }

    /** A piece of a reply being written. */
    record DeltaJson(String responseId, String delta) {
    }

    /** An event as one WebSocket text frame. */
    record EventJson(String type, String id, Object data) {
    }

    /** The final word to a consumer whose stream ends: why, and that it should resume. */
    record EndedJson(String reason, boolean resume) {

        static EndedJson of(EventInbox.EndReason reason) {
            return new EndedJson(reason.name().toLowerCase(Locale.ROOT), true);
        }
    }

    private EventFrames() {
    }

    static Object data(Event event) {
        return switch (event) {
            case Event.MessageCreated created -> Responses.MessageJson.from(created.message());
            case Event.MessageUpdated updated -> Responses.MessageJson.from(updated.message());
            case Event.MessageDeleted deleted -> new DeletedJson(deleted.messageId().value(), "message.deleted", true);
            case Event.ConversationChanged changed -> Responses.ConversationJson.from(changed.conversation());
            case Event.ConversationDeleted deleted -> new DeletedJson(deleted.conversationId().value(),
                    "conversation.deleted", true);
            case Event.SummaryUpdated updated -> Responses.SummaryJson.from(updated.conversationId(),
                    Optional.of(updated.summary()));
            case Event.ResponseChanged changed -> Responses.ResponseJson.from(changed.response());
            case Event.ResponseDelta delta -> new DeltaJson(delta.responseId().value(), delta.delta());
        };
    }
}
