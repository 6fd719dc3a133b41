package dev.pippa.domain;

import java.time.Instant;

/** The latest summary of a conversation and how far into it it reaches. */
public record Summary(ConversationId conversationId, String text, MessageId coversThroughMessageId,
                      long messageCountCovered, Instant updatedAt) {

    public Summary {
        Check.notNull("conversation_id", conversationId);
        Check.notNull("summary", text);
        Check.notNull("covers_through_message_id", coversThroughMessageId);
        Check.notNull("updated_at", updatedAt);
    }
}
