package dev.pippa.domain;

/**
 * A full-text search of one owner's messages: {@code text} in the search syntax (words, "phrases",
 * prefix*), optionally within one conversation and from one role.
 */
public record SearchQuery(String text, ConversationId conversationId, Role role, PageRequest page) {

    public static final int MAX_LENGTH = 512;

    public SearchQuery {
        text = Check.length("q", text == null ? null : text.strip(), 1, MAX_LENGTH);
        if (text.indexOf('\u0000') >= 0) {
            // SQLite's FTS5 ends a query at U+0000: refused here, the same on every store
            throw new InvalidInputException("q", "must not contain the NUL character (U+0000)");
        }
        Check.notNull("page", page);
    }

    /** How many ranked results the requested page skips (0 on the first page). */
    public long offset(OwnerId owner) {
        return page.cursor() == null ? 0 : PageCursor.decodeSearch(page.cursor(), owner, this).position();
    }
}
