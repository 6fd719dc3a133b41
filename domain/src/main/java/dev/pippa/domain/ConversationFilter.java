package dev.pippa.domain;

import java.util.Map;

/**
 * Which of an owner's conversations a list shows: by archive state, by a piece of the title (matched
 * ignoring case and accents: {@code titleContains} is held folded) and by exact metadata pairs (all must
 * match). A null {@code titleContains} and empty {@code metadata} do not filter.
 */
public record ConversationFilter(Archived archived, String titleContains, Map<String, String> metadata) {

    public static final int MAX_METADATA_PAIRS = 4;
    public static final int MAX_TITLE_QUERY_LENGTH = 256;
    /** The default list: archived conversations hidden, nothing else filtered. */
    public static final ConversationFilter DEFAULT = new ConversationFilter(Archived.HIDDEN, null, Map.of());
    /** Every conversation, archived or not (export, erasure). */
    public static final ConversationFilter ALL = new ConversationFilter(Archived.ALL, null, Map.of());

    /** Which conversations a list shows by their archive state; the wire names are the {@code archived} values. */
    public enum Archived {
        HIDDEN("false"), ONLY("true"), ALL("all");

        private final String wireName;

        Archived(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Archived fromWire(String value) {
            for (Archived archived : values()) {
                if (archived.wireName.equals(value)) {
                    return archived;
                }
            }
            throw new InvalidInputException("archived", "must be false, true or all, got '" + value + "'");
        }
    }

    public ConversationFilter {
        Check.notNull("archived", archived);
        Check.notNull("metadata", metadata);
        if (titleContains != null) {
            Check.maxLength("q", titleContains, MAX_TITLE_QUERY_LENGTH);
            titleContains = titleContains.isBlank() ? null : TextFold.fold(titleContains.strip());
        }
        if (metadata.size() > MAX_METADATA_PAIRS) {
            throw new InvalidInputException("metadata", "at most " + MAX_METADATA_PAIRS + " metadata filters, got "
                    + metadata.size());
        }
        metadata.forEach((key, value) -> {
            if (key.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                throw new InvalidInputException("metadata[" + key + "]", "must not contain the NUL character");
            }
        });
        metadata = Map.copyOf(metadata);
    }

    /** Whether the list shows {@code conversation}: what a store's query must select, said once. */
    public boolean matches(Conversation conversation) {
        boolean archiveState = switch (archived) {
            case HIDDEN -> !conversation.archived();
            case ONLY -> conversation.archived();
            case ALL -> true;
        };
        return archiveState
                && (titleContains == null || conversation.title() != null
                        && conversation.titleKey().contains(titleContains))
                && metadata.entrySet().stream().allMatch(pair ->
                        pair.getValue().equals(conversation.metadata().entries().get(pair.getKey())));
    }
}
