package dev.pippa.application.port.out;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Summary;
import dev.pippa.domain.event.NewEvent;
import java.util.List;
import java.util.Optional;

/** Where conversation summaries are kept, and the messages they are made from. */
public interface SummaryStore {

    Optional<Summary> findSummary(OwnerId owner, ConversationId conversationId);

    /**
     * Keeps the summary unless the stored one already covers at least as many messages (a slower job that
     * started earlier cannot overwrite a newer summary); nothing happens if the conversation is gone. When
     * it is kept, {@code whenKept} (if not null) is recorded in the same transaction.
     */
    void saveSummary(OwnerId owner, Summary summary, NewEvent whenKept);

    /**
     * Up to {@code limit} of the conversation's messages after {@code after} (null: from its first), oldest
     * first; empty if the conversation is gone.
     */
    List<Message> messagesAfter(OwnerId owner, ConversationId conversationId, MessageId after, int limit);
}
