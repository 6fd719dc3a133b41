package dev.pippa.application.port.in;

import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.OwnerId;
import java.util.Objects;
import java.util.Optional;

/** @param idempotencyKey when present, a retry with the same key and body returns the first result */
public record CreateConversationCommand(OwnerId owner, NewConversation conversation,
                                        Optional<IdempotencyKey> idempotencyKey) {

    public CreateConversationCommand {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    public CreateConversationCommand(OwnerId owner, NewConversation conversation) {
        this(owner, conversation, Optional.empty());
    }
}
