package dev.pippa.application.port.in;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.ConversationPatch;
import dev.pippa.domain.OwnerId;
import java.util.Objects;

public record UpdateConversationCommand(OwnerId owner, ConversationId id, ConversationPatch patch) {

    public UpdateConversationCommand {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patch, "patch");
    }
}
