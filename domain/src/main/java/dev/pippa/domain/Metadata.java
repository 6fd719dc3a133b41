package dev.pippa.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Free-form string pairs attached to a conversation or message; insertion order is kept. */
public record Metadata(Map<String, String> entries) {

    public static final int MAX_PAIRS = 16;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 512;
    public static final Metadata EMPTY = new Metadata(Map.of());

    public Metadata {
        Check.notNull("metadata", entries);
        if (entries.size() > MAX_PAIRS) {
            throw new InvalidInputException("metadata", "must have at most " + MAX_PAIRS + " pairs, got " + entries.size());
        }
        Map<String, String> copy = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.codePointCount(0, key.length()) > MAX_KEY_LENGTH) {
                throw new InvalidInputException("metadata", "keys must be 1 to " + MAX_KEY_LENGTH + " characters");
            }
            String field = "metadata." + key;
            Check.notNull(field, value);
            Check.maxLength(field, value, MAX_VALUE_LENGTH);
            copy.put(key, value);
        });
        entries = Collections.unmodifiableMap(copy);
    }

    public static Metadata of(Map<String, String> entries) {
        return entries == null || entries.isEmpty() ? EMPTY : new Metadata(entries);
    }
}
