package dev.pippa.domain.event;

import dev.pippa.domain.Check;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;

/**
 * An event a write records in its own transaction. It names what changed; readers get the thing itself
 * as it is stored (a message as posted, a conversation or summary as it is now).
 *
 * @param messageId the new message, for {@link EventType#MESSAGE_CREATED} only
 */
public record NewEvent(EventType type, OwnerId owner, ConversationId conversationId, MessageId messageId) {

    public NewEvent {
        Check.notNull("type", type);
        Check.notNull("owner", owner);
        Check.notNull("conversation_id", conversationId);
        if ((type == EventType.MESSAGE_CREATED) != (messageId != null)) {
            throw new IllegalArgumentException("a message id goes with message.created events and no other");
        }
    }

    public static NewEvent about(EventType type, OwnerId owner, ConversationId conversationId) {
        return new NewEvent(type, owner, conversationId, null);
    }

    public static NewEvent messageCreated(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return new NewEvent(EventType.MESSAGE_CREATED, owner, conversationId, messageId);
    }
}
