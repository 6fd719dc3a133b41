package dev.pippa.application.port.in;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Summary;
import java.util.Optional;

public interface GetSummaryUseCase {

    /**
     * The conversation's latest summary; empty while none has been made yet (pending).
     *
     * @throws dev.pippa.domain.NotFoundException when the owner has no such conversation
     */
    Optional<Summary> getSummary(OwnerId owner, ConversationId conversationId);
}
