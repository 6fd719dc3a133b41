package dev.pippa.application.port.in;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import java.util.Objects;

public record PostMessageCommand(OwnerId owner, ConversationId conversationId, NewMessage message) {

    public PostMessageCommand {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(message, "message");
    }
}
