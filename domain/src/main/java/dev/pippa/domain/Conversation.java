package dev.pippa.domain;

import java.time.Instant;

/**
 * A conversation as stored. {@code version} grows with every change (edit or new message), so it can
 * serve as an ETag and for optimistic concurrency; {@code title} is null when none was given;
 * {@code forkedFrom} is null unless it was forked from another conversation. An {@code archived} one is
 * hidden from the default list; {@code pinned} ones come first in it.
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
        ForkOrigin forkedFrom,
        boolean archived,
        boolean pinned) {

    public static final int MAX_TITLE_LENGTH = 256;
    /**
     * Added to a pinned conversation's list key, so pinned ones sort above every time in epoch millis
     * (until the year 33658) and the list stays one keyset over one column.
     */
    static final long PINNED_BOOST = 1L << 50;

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
        this(id, owner, title, metadata, messageCount, createdAt, updatedAt, version, null, false, false);
    }

    /**
     * Its place in the owner's list, larger first in the default order: pinned ones above the rest, each
     * group by last activity. A cursor holds it; a store keeps and indexes it with the id as tie-breaker.
     */
    public long listKey() {
        return updatedAt.toEpochMilli() + (pinned ? PINNED_BOOST : 0);
    }

    /** Its title folded for a case- and accent-insensitive match ({@link TextFold}); null without a title. */
    public String titleKey() {
        return title == null ? null : TextFold.fold(title);
    }

    /** This conversation after one more message, posted at {@code at}. */
    public Conversation withMessageAppended(Instant at) {
        return new Conversation(id, owner, title, metadata, messageCount + 1, createdAt, at, version + 1, forkedFrom,
                archived, pinned);
    }

    /** One of its messages was edited: a new version, and activity now. */
    public Conversation withMessageEdited(Instant at) {
        return new Conversation(id, owner, title, metadata, messageCount, createdAt, at, version + 1, forkedFrom,
                archived, pinned);
    }

    /** One of its messages was deleted: one fewer, a new version, and activity now. */
    public Conversation withMessageRemoved(Instant at) {
        return new Conversation(id, owner, title, metadata, messageCount - 1, createdAt, at, version + 1, forkedFrom,
                archived, pinned);
    }

    /**
     * A new conversation (id {@code newId}, first version, neither archived nor pinned) that starts as a copy
     * of this one's first messages.
     */
    public Conversation forkedAs(ConversationId newId, MessageId upTo, long copiedMessages, Instant at) {
        return new Conversation(newId, owner, title, metadata, copiedMessages, at, at, 1, new ForkOrigin(id, upTo),
                false, false);
    }

    /** A blank title means "no title"; anything else must fit the limit. */
    public static String normaliseTitle(String title) {
        return title == null || title.isEmpty() ? null : Check.maxLength("title", title, MAX_TITLE_LENGTH);
    }
}
