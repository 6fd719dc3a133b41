package dev.pippa.domain;

public final class Ids {

    private Ids() {
    }

    public static void requireWellFormed(String field, String prefix, String value) {
        Check.notNull(field, value);
        if (!value.startsWith(prefix) || !TimeOrderedIds.isWellFormed(value, prefix.length())) {
            throw new InvalidInputException(field, "is not a valid id (expected " + prefix + "...)");
        }
    }
}
