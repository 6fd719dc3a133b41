package dev.pippa.application.port.in;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;

public interface GetConversationUseCase {

    /** @throws dev.pippa.domain.NotFoundException when the owner has no such conversation */
    Conversation getConversation(OwnerId owner, ConversationId id);
}
