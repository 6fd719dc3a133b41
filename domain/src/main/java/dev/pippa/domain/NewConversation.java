package dev.pippa.domain;

/** What a caller supplies to start a conversation; the store assigns id, times and version. */
public record NewConversation(String title, Metadata metadata) {

    public NewConversation {
        title = Conversation.normaliseTitle(title);
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }
}
