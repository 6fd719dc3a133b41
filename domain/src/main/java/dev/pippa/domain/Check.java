package dev.pippa.domain;

/** Invariant checks shared by the domain's records, in every feature package; each failure names the field. */
public final class Check {

    private Check() {
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    /** Lengths count Unicode code points, so an emoji is one character as users expect. */
    public static String maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            int characters = value.codePointCount(0, value.length());
            if (characters > max) {
                throw new InvalidInputException(field, "must be at most " + max + " characters, got " + characters);
            }
        }
        return value;
    }

    public static String length(String field, String value, int min, int max) {
        notNull(field, value);
        if (value.codePointCount(0, value.length()) < min) {
            throw new InvalidInputException(field, "must be at least " + min + " character" + (min == 1 ? "" : "s"));
        }
        return maxLength(field, value, max);
    }
}
