package dev.pippa.application.port.in;

import dev.pippa.domain.NewConversation;
import dev.pippa.domain.OwnerId;
import java.util.Objects;

public record CreateConversationCommand(OwnerId owner, NewConversation conversation) {

    public CreateConversationCommand {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(conversation, "conversation");
    }
}
