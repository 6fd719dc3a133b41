package dev.pippa.domain;

import java.util.List;
import java.util.Optional;

/** Where conversation summaries are kept, and the messages they are made from. */
public interface SummaryStore {

    Optional<Summary> findSummary(OwnerId owner, ConversationId conversationId);

    /** Replaces the conversation's summary; nothing happens if the conversation is gone. */
    void saveSummary(OwnerId owner, Summary summary);

    /** Every message of the conversation, oldest first; empty if the conversation is gone. */
    List<Message> allMessages(OwnerId owner, ConversationId conversationId);
}
