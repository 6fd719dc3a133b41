package dev.pippa.domain;

import java.time.Instant;

/**
 * A conversation as stored. {@code version} grows with every change (edit or new message), so it can
 * serve as an ETag and for optimistic concurrency; {@code title} is null when none was given;
 * {@code forkedFrom} is null unless it was forked from another conversation.
 */
public record Conversation(
        ConversationId id,
        OwnerId owner,
        String title,
        Metadata metadata,
        long messageCount,
        Instant createdAt,
        Instant updatedAt,
        long version,
        ForkOrigin forkedFrom) {

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

    /** A conversation that is not a fork. */
    public Conversation(ConversationId id, OwnerId owner, String title, Metadata metadata, long messageCount,
                        Instant createdAt, Instant updatedAt, long version) {
        this(id, owner, title, metadata, messageCount, createdAt, updatedAt, version, null);
    }

    /** This conversation after one more message, posted at {@code at}. */
    public Conversation withMessageAppended(Instant at) {
        return new Conversation(id, owner, title, metadata, messageCount + 1, createdAt, at, version + 1, forkedFrom);
    }

    /** One of its messages was edited: a new version, and activity now. */
    public Conversation withMessageEdited(Instant at) {
        return new Conversation(id, owner, title, metadata, messageCount, createdAt, at, version + 1, forkedFrom);
    }

    /** One of its messages was deleted: one fewer, a new version, and activity now. */
    public Conversation withMessageRemoved(Instant at) {
        return new Conversation(id, owner, title, metadata, messageCount - 1, createdAt, at, version + 1, forkedFrom);
    }

    /** A new conversation (id {@code newId}, first version) that starts as a copy of this one's first messages. */
    public Conversation forkedAs(ConversationId newId, MessageId upTo, long copiedMessages, Instant at) {
        return new Conversation(newId, owner, title, metadata, copiedMessages, at, at, 1, new ForkOrigin(id, upTo));
    }

    /** A blank title means "no title"; anything else must fit the limit. */
    public static String normaliseTitle(String title) {
        return title == null || title.isEmpty() ? null : Check.maxLength("title", title, MAX_TITLE_LENGTH);
    }
}
