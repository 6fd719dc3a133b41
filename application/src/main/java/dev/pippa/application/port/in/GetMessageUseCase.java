package dev.pippa.application.port.in;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;

public interface GetMessageUseCase {

    /** @throws dev.pippa.domain.NotFoundException when the conversation or the message is absent */
    Message getMessage(OwnerId owner, ConversationId conversationId, MessageId messageId);
}
