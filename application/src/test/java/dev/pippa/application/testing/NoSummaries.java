package dev.pippa.application.testing;

import dev.pippa.application.port.out.SummaryStore;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Summary;
import dev.pippa.domain.event.NewEvent;
import java.util.List;
import java.util.Optional;

/** A summary store with nothing in it that keeps nothing: for tests where summaries play no part. */
public final class NoSummaries implements SummaryStore {

    @Override
    public Optional<Summary> findSummary(OwnerId owner, ConversationId conversationId) {
        return Optional.empty();
    }

    @Override
    public void saveSummary(OwnerId owner, Summary summary, NewEvent whenKept) {
    }

    @Override
    public List<Message> messagesAfter(OwnerId owner, ConversationId conversationId, MessageId after, int limit) {
        return List.of();
    }
}
