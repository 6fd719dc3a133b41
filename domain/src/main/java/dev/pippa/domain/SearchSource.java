package dev.pippa.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a search looks through: the owner's messages, the chunks of their uploaded files, or both. */
public enum SearchSource {
    MESSAGES, FILES;

    public static final Set<SearchSource> MESSAGES_ONLY = Set.of(MESSAGES);

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A comma-separated list of wire names, e.g. {@code messages,files}. */
    public static Set<SearchSource> parse(String list) {
        Set<SearchSource> sources = EnumSet.noneOf(SearchSource.class);
        for (String name : list.split(",")) {
            try {
                sources.add(valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("sources", "must be messages, files or both (comma-separated), got '"
                        + name.strip() + "'");
            }
        }
        return Set.copyOf(sources);
    }
}
