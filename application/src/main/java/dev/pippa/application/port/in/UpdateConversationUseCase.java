package dev.pippa.application.port.in;

import dev.pippa.domain.Conversation;

public interface UpdateConversationUseCase {

    /**
     * @throws dev.pippa.domain.NotFoundException when the owner has no such conversation
     * @throws dev.pippa.domain.ConflictException when the command expects another version
     */
    Conversation updateConversation(UpdateConversationCommand command);
}
