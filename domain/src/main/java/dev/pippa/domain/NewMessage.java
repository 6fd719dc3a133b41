package dev.pippa.domain;

import java.time.Instant;

/** What a caller supplies to post a message; the store assigns id and time. */
public record NewMessage(Role role, String content, Metadata metadata) {

    public NewMessage {
        Check.notNull("role", role);
        Message.checkContent(content);
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }

    /** The message this becomes when stored. */
    public Message storedAs(MessageId id, ConversationId conversationId, Instant now) {
        return new Message(id, conversationId, role, content, metadata, now);
    }
}
