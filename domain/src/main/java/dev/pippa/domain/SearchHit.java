package dev.pippa.domain;

import dev.pippa.domain.file.FileId;

/**
 * One thing a search found: a message, or a chunk of an uploaded file ({@code file}; then {@code message} is
 * null). With a snippet ({@code <mark>} around matched terms when words matched) and the score it was
 * ranked by: bm25 in keyword mode (lower is better), cosine similarity in semantic mode, the fused
 * reciprocal-rank score in hybrid mode (higher is better in both). {@code scores} holds what each ranking
 * said of it (null where that ranking did not find it).
 */
public record SearchHit(Message message, FileHit file, String snippet, double score, Scores scores) {

    /** Each ranking's score: {@code keyword} bm25, {@code semantic} cosine similarity; null: not found by it. */
    public record Scores(Double keyword, Double semantic) {
    }

    /** A chunk of an uploaded file: which file, its name, and the chunk's position in it (0 first). */
    public record FileHit(FileId file, String fileName, int position) {
    }

    public SearchHit {
        if ((message == null) == (file == null)) {
            throw new IllegalArgumentException("a search hit is a message or a file chunk");
        }
        Check.notNull("snippet", snippet);
        Check.notNull("scores", scores);
    }

    /** A message ranked by {@code scores}. */
    public SearchHit(Message message, String snippet, double score, Scores scores) {
        this(message, null, snippet, score, scores);
    }

    /** A keyword hit: ranked by its bm25 score. */
    public SearchHit(Message message, String snippet, double score) {
        this(message, null, snippet, score, new Scores(score, null));
    }

    /** What it is, as one string: the message id, or the file id and chunk position. */
    public String id() {
        return message != null ? message.id().value() : file.file().value() + "#" + file.position();
    }
}
