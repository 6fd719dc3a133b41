package dev.pippa.domain;

import java.util.Set;

/**
 * A search of one owner's messages: {@code text} in the search syntax (words, "phrases", prefix*) for
 * keyword ranking, or as plain text for semantic ranking, optionally within one conversation and from one
 * role. A null {@code mode} asks for the default ({@code hybrid} when embeddings are on, else keyword).
 * {@code sources}: messages (the default), uploaded files' chunks, or both.
 */
public record SearchQuery(String text, ConversationId conversationId, Role role, PageRequest page, SearchMode mode,
                          Set<SearchSource> sources) {

    public static final int MAX_LENGTH = 512;

    public SearchQuery {
        text = Check.length("q", text == null ? null : text.strip(), 1, MAX_LENGTH);
        if (text.indexOf('\u0000') >= 0) {
            // SQLite's FTS5 ends a query at U+0000: refused here, the same on every store
            throw new InvalidInputException("q", "must not contain the NUL character (U+0000)");
        }
        Check.notNull("page", page);
        sources = sources == null || sources.isEmpty() ? SearchSource.MESSAGES_ONLY : Set.copyOf(sources);
    }

    /** A search of messages. */
    public SearchQuery(String text, ConversationId conversationId, Role role, PageRequest page, SearchMode mode) {
        this(text, conversationId, role, page, mode, SearchSource.MESSAGES_ONLY);
    }

    /** A keyword search of messages. */
    public SearchQuery(String text, ConversationId conversationId, Role role, PageRequest page) {
        this(text, conversationId, role, page, SearchMode.KEYWORD);
    }

    /** The same search in {@code chosen} mode (the cursor of one mode does not fit another). */
    public SearchQuery inMode(SearchMode chosen) {
        return new SearchQuery(text, conversationId, role, page, chosen, sources);
    }

    /** The same search, one page of {@code limit} from the start (to gather candidates for fusion). */
    public SearchQuery firstPage(int limit) {
        return new SearchQuery(text, conversationId, role, PageRequest.first(limit, page.order()), mode, sources);
    }

    public boolean searches(SearchSource source) {
        return sources.contains(source);
    }

    /** How many ranked results the requested page skips (0 on the first page). */
    public long offset(OwnerId owner) {
        return page.cursor() == null ? 0 : PageCursor.decodeSearch(page.cursor(), owner, this).position();
    }
}
