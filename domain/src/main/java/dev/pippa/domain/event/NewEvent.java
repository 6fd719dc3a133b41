package dev.pippa.domain.event;

import dev.pippa.domain.Check;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.generation.ResponseId;

/**
 * An event a write records in its own transaction. It names what changed; readers get the thing itself
 * as it is stored (a message as posted, a conversation, summary or response as it is now). Only a delta
 * carries its content, as it names nothing stored.
 *
 * @param messageId  the new message, for {@link EventType#MESSAGE_CREATED} only
 * @param responseId the response, for the {@code response.*} types only
 * @param delta      the text, for {@link EventType#RESPONSE_OUTPUT_TEXT_DELTA} only
 */
public record NewEvent(EventType type, OwnerId owner, ConversationId conversationId, MessageId messageId,
                       ResponseId responseId, String delta) {

    public NewEvent {
        Check.notNull("type", type);
        Check.notNull("owner", owner);
        Check.notNull("conversation_id", conversationId);
        if (type.isAboutAMessage() != (messageId != null)) {
            throw new IllegalArgumentException("a message id goes with message events and no other");
        }
        if (type.isAboutAResponse() != (responseId != null)) {
            throw new IllegalArgumentException("a response id goes with response events and no other");
        }
        if ((type == EventType.RESPONSE_OUTPUT_TEXT_DELTA) != (delta != null)) {
            throw new IllegalArgumentException("text goes with delta events and no other");
        }
    }

    public static NewEvent about(EventType type, OwnerId owner, ConversationId conversationId) {
        return new NewEvent(type, owner, conversationId, null, null, null);
    }

    public static NewEvent messageCreated(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return message(EventType.MESSAGE_CREATED, owner, conversationId, messageId);
    }

    /** {@code message.created}, {@code message.updated} or {@code message.deleted}. */
    public static NewEvent message(EventType type, OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return new NewEvent(type, owner, conversationId, Check.notNull("message_id", messageId), null, null);
    }

    /** A change of a response's state ({@code response.created}, {@code response.completed}, …). */
    public static NewEvent response(EventType type, OwnerId owner, ConversationId conversationId, ResponseId id) {
        return new NewEvent(type, owner, conversationId, null, id, null);
    }

    public static NewEvent delta(OwnerId owner, ConversationId conversationId, ResponseId id, String text) {
        return new NewEvent(EventType.RESPONSE_OUTPUT_TEXT_DELTA, owner, conversationId, null, id,
                Check.notNull("delta", text));
    }
}
