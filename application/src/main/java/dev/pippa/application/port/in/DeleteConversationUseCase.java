package dev.pippa.application.port.in;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;

public interface DeleteConversationUseCase {

    /** Deletes the conversation and its messages. @throws dev.pippa.domain.NotFoundException when absent */
    void deleteConversation(OwnerId owner, ConversationId id);
}
