package dev.pippa.domain;

/**
 * One message matching a search, with a snippet around the match ({@code <mark>} around the matched
 * terms) and its relevance score (bm25: lower is better).
 */
public record SearchHit(Message message, String snippet, double score) {

    public SearchHit {
        Check.notNull("message", message);
        Check.notNull("snippet", snippet);
    }
}
