package dev.pippa.domain;

/**
 * Which page to read: at most {@code limit} items in {@code order}, after the position in {@code cursor}
 * (null for the first page). The cursor is the opaque string a previous {@link Page} handed out.
 */
public record PageRequest(int limit, SortOrder order, String cursor) {

    public static final int MIN_LIMIT = 1;
    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 20;

    public PageRequest {
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between " + MIN_LIMIT + " and " + MAX_LIMIT + ", got " + limit);
        }
        Check.notNull("order", order);
        if (cursor != null && cursor.isEmpty()) {
            cursor = null;
        }
    }

    public static PageRequest first(int limit, SortOrder order) {
        return new PageRequest(limit, order, null);
    }

    /** Where an owner's conversation list resumes; null on the first page. */
    public PageCursor conversationsPosition(OwnerId owner) {
        return cursor == null ? null : PageCursor.decodeConversations(cursor, owner, order);
    }

    /** Where an owner's file list resumes; null on the first page. */
    public PageCursor filesPosition(OwnerId owner) {
        return cursor == null ? null : PageCursor.decodeFiles(cursor, owner, order);
    }

    /** Where a conversation's message list resumes, checked to be that conversation's; null on the first page. */
    public PageCursor messagesPosition(ConversationId conversationId) {
        return cursor == null ? null : PageCursor.decode(cursor, conversationId.value(), order);
    }
}
