package dev.pippa.application.port.in;

import dev.pippa.domain.Conversation;

public interface CreateConversationUseCase {

    Conversation createConversation(CreateConversationCommand command);
}
