package dev.pippa.domain;

import java.time.Instant;

/**
 * One message of a conversation. Its owner may edit its content and metadata later ({@code editedAt} is
 * then set); its id, role and time never change.
 */
public record Message(
        MessageId id,
        ConversationId conversationId,
        Role role,
        String content,
        Metadata metadata,
        Instant createdAt,
        Instant editedAt) {

    public static final int MAX_CONTENT_LENGTH = 256_000;

    public Message {
        Check.notNull("id", id);
        Check.notNull("conversation_id", conversationId);
        Check.notNull("role", role);
        checkContent(content);
        Check.notNull("metadata", metadata);
        Check.notNull("created_at", createdAt);
    }

    /** A message never edited. */
    public Message(MessageId id, ConversationId conversationId, Role role, String content, Metadata metadata,
                   Instant createdAt) {
        this(id, conversationId, role, content, metadata, createdAt, null);
    }

    /** The message with new content and metadata (null: unchanged), edited at {@code at}. */
    public Message edited(String newContent, Metadata newMetadata, Instant at) {
        return new Message(id, conversationId, role, newContent == null ? content : newContent,
                newMetadata == null ? metadata : newMetadata, createdAt, Check.notNull("edited_at", at));
    }

    static String checkContent(String content) {
        return Check.length("content", content, 1, MAX_CONTENT_LENGTH);
    }
}
