package dev.pippa.application.port.in;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import java.util.Objects;
import java.util.Optional;

/** @param idempotencyKey when present, a retry with the same key and body returns the first result */
public record PostMessageCommand(OwnerId owner, ConversationId conversationId, NewMessage message,
                                 Optional<IdempotencyKey> idempotencyKey) {

    public PostMessageCommand {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    public PostMessageCommand(OwnerId owner, ConversationId conversationId, NewMessage message) {
        this(owner, conversationId, message, Optional.empty());
    }
}
