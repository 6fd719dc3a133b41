package dev.pippa.application.port.in;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.generation.GenerationRequest;
import java.util.Objects;
import java.util.Optional;

/** Ask for the next message of a conversation: store {@code input}, then generate the reply. */
public record CreateResponseCommand(OwnerId owner, ConversationId conversationId, NewMessage input,
                                    GenerationRequest asked, Optional<IdempotencyKey> idempotencyKey) {

    public CreateResponseCommand {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(asked, "asked");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
