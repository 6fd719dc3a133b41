package dev.pippa.domain;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paged listing; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, boolean hasMore, String nextCursor) {

    public Page {
        items = List.copyOf(items);
        if (hasMore != (nextCursor != null)) {
            throw new IllegalArgumentException("a page has a next cursor exactly when it has more");
        }
    }

    /** A page of conversations from a query that fetched up to {@code limit + 1} rows. */
    public static Page<Conversation> ofConversations(List<Conversation> fetched, PageRequest request) {
        return fromLookahead(fetched, request.limit(), c -> PageCursor.after(c, request.order()));
    }

    /** A page of messages from a query that fetched up to {@code limit + 1} rows. */
    public static Page<Message> ofMessages(List<Message> fetched, PageRequest request) {
        return fromLookahead(fetched, request.limit(), m -> PageCursor.after(m, request.order()));
    }

    /** A page of files from a query that fetched up to {@code limit + 1} rows. */
    public static Page<dev.pippa.domain.file.StoredFile> ofFiles(List<dev.pippa.domain.file.StoredFile> fetched,
                                                                 PageRequest request) {
        return fromLookahead(fetched, request.limit(), file -> PageCursor.after(file, request.order()));
    }

    /** A page of search results from a query that fetched up to {@code limit + 1} rows after {@code offset}. */
    public static Page<SearchHit> ofSearchHits(List<SearchHit> fetched, OwnerId owner, SearchQuery query, long offset) {
        return fromLookahead(fetched, query.page().limit(), hit -> PageCursor.afterSearchResults(owner, query,
                offset + query.page().limit(), hit.id()));
    }

    /**
     * Builds a page from a query that fetched up to {@code limit + 1} rows: the extra row only tells
     * that there is more, and the cursor points after the last row kept.
     */
    private static <T> Page<T> fromLookahead(List<T> fetched, int limit, Function<T, PageCursor> positionOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, false, null);
        }
        List<T> kept = fetched.subList(0, limit);
        return new Page<>(kept, true, positionOf.apply(kept.getLast()).encode());
    }
}
