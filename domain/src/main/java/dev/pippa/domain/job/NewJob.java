package dev.pippa.domain.job;

import dev.pippa.domain.Check;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;

/**
 * Background work to do about a conversation (and, for some kinds, one of its messages).
 *
 * @param kind      what to do; the application's job handlers are registered by kind
 * @param messageId the message concerned, or null for work on the whole conversation
 */
public record NewJob(String kind, OwnerId owner, ConversationId conversationId, MessageId messageId) {

    public NewJob {
        Check.length("kind", kind, 1, 64);
        Check.notNull("owner", owner);
        Check.notNull("conversation_id", conversationId);
    }
}
