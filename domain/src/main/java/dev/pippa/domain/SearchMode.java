package dev.pippa.domain;

/**
 * How a search ranks: by the words it shares with the query ({@code keyword}, bm25), by closeness of
 * meaning ({@code semantic}, cosine similarity of embeddings), or both fused by reciprocal rank
 * ({@code hybrid}).
 */
public enum SearchMode {
    KEYWORD, SEMANTIC, HYBRID;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SearchMode fromWireName(String value) {
        for (SearchMode mode : values()) {
            if (mode.wireName().equals(value)) {
                return mode;
            }
        }
        throw new InvalidInputException("mode", "must be keyword, semantic or hybrid, got '" + value + "'");
    }
}
