package dev.pippa.domain;

/**
 * One message found by a search, with a snippet ({@code <mark>} around matched terms when words matched)
 * and the score it was ranked by: bm25 in keyword mode (lower is better), cosine similarity in semantic
 * mode, the fused reciprocal-rank score in hybrid mode (higher is better in both). {@code scores} holds what
 * each ranking said of it (null where that ranking did not find it).
 */
public record SearchHit(Message message, String snippet, double score, Scores scores) {

    /** Each ranking's score: {@code keyword} bm25, {@code semantic} cosine similarity; null: not found by it. */
    public record Scores(Double keyword, Double semantic) {
    }

    public SearchHit {
        Check.notNull("message", message);
        Check.notNull("snippet", snippet);
        Check.notNull("scores", scores);
    }

    /** A keyword hit: ranked by its bm25 score. */
    public SearchHit(Message message, String snippet, double score) {
        this(message, snippet, score, new Scores(score, null));
    }
}
