package dev.pippa.application.port.in;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.OwnerId;
import java.util.Objects;

/** Change a message's content, its metadata, or both (null: unchanged; at least one is given). */
public record EditMessageCommand(OwnerId owner, ConversationId conversationId, MessageId messageId, String content,
                                 Metadata metadata) {

    public EditMessageCommand {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        if (content == null && metadata == null) {
            throw new InvalidInputException("content", "give content, metadata, or both");
        }
    }
}
