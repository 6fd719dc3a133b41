package dev.pippa.application.port.in;

import dev.pippa.domain.Activity;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.Summary;
import java.util.Optional;

/** What background work makes available: search over messages and conversation summaries. */
public interface InsightUseCases {

    /** @throws dev.pippa.domain.InvalidInputException naming {@code q} for a query that is not valid syntax */
    Page<SearchHit> searchMessages(OwnerId owner, SearchQuery query);

    /**
     * The conversation's latest summary; empty while none has been made yet (pending).
     *
     * @throws dev.pippa.domain.NotFoundException when the owner has no such conversation
     */
    Optional<Summary> getSummary(OwnerId owner, ConversationId conversationId);

    /** The owner's counts and messages per day for the last {@code days} days (today included, UTC). */
    Activity activity(OwnerId owner, int days);
}
