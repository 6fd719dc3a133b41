package dev.pippa.domain;

/** What a caller supplies to post a message; the store assigns id and time. */
public record NewMessage(Role role, String content, Metadata metadata) {

    public NewMessage {
        Check.notNull("role", role);
        Message.checkContent(content);
        metadata = metadata == null ? Metadata.EMPTY : metadata;
    }
}
