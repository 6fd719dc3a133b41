package dev.pippa.domain;

import java.time.Instant;

/** What a caller supplies to start a conversation; the store assigns id, times and version. */
public record NewConversation(String title, Metadata metadata, boolean archived, boolean pinned) {

    public NewConversation {
        title = Conversation.normaliseTitle(title);
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }

    /** A conversation neither archived nor pinned. */
    public NewConversation(String title, Metadata metadata) {
        this(title, metadata, false, false);
    }

    /** The conversation this becomes when stored: no messages yet, first version. */
    public Conversation createdAs(ConversationId id, OwnerId owner, Instant now) {
        return new Conversation(id, owner, title, metadata, 0, now, now, 1, null, archived, pinned);
    }
}
