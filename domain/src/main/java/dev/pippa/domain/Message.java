package dev.pippa.domain;

import java.time.Instant;

/** One message of a conversation, immutable once stored. */
public record Message(
        MessageId id,
        ConversationId conversationId,
        Role role,
        String content,
        Metadata metadata,
        Instant createdAt) {

    public static final int MAX_CONTENT_LENGTH = 256_000;

    public Message {
        Check.notNull("id", id);
        Check.notNull("conversation_id", conversationId);
        Check.notNull("role", role);
        checkContent(content);
        Check.notNull("metadata", metadata);
        Check.notNull("created_at", createdAt);
    }

    static String checkContent(String content) {
        return Check.length("content", content, 1, MAX_CONTENT_LENGTH);
    }
}
