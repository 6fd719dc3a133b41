package dev.pippa.application.port.in;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;

public interface ListMessagesUseCase {

    /** @throws dev.pippa.domain.NotFoundException when the owner has no such conversation */
    Page<Message> listMessages(OwnerId owner, ConversationId conversationId, PageRequest page);
}
