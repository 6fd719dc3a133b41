package dev.pippa.domain;

import java.time.Instant;

/**
 * A conversation as stored. {@code version} grows with every change (edit or new message), so it can
 * serve as an ETag and for optimistic concurrency; {@code title} is null when none was given.
 */
public record Conversation(
        ConversationId id,
        OwnerId owner,
        String title,
        Metadata metadata,
        long messageCount,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final int MAX_TITLE_LENGTH = 256;

    public Conversation {
        Check.notNull("id", id);
        Check.notNull("owner", owner);
        title = normaliseTitle(title);
        Check.notNull("metadata", metadata);
        Check.notNull("created_at", createdAt);
        Check.notNull("updated_at", updatedAt);
        if (messageCount < 0) {
            throw new InvalidInputException("message_count", "must not be negative");
        }
        if (version < 1) {
            throw new InvalidInputException("version", "must be positive");
        }
    }

    /** This conversation after one more message, posted at {@code at}. */
    public Conversation withMessageAppended(Instant at) {
        return new Conversation(id, owner, title, metadata, messageCount + 1, createdAt, at, version + 1);
    }

    /** One of its messages was edited: a new version, and activity now. */
    public Conversation withMessageEdited(Instant at) {
        return new Conversation(id, owner, title, metadata, messageCount, createdAt, at, version + 1);
    }

    /** One of its messages was deleted: one fewer, a new version, and activity now. */
    public Conversation withMessageRemoved(Instant at) {
        return new Conversation(id, owner, title, metadata, messageCount - 1, createdAt, at, version + 1);
    }

    /** A blank title means "no title"; anything else must fit the limit. */
    public static String normaliseTitle(String title) {
        return title == null || title.isEmpty() ? null : Check.maxLength("title", title, MAX_TITLE_LENGTH);
    }
}
