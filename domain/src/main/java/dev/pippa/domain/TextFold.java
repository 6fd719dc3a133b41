package dev.pippa.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text folded for matching that ignores case and accents: "Crème Brûlée" and "creme brulee" fold alike.
 * Titles are stored folded next to the original, so a title filter compares folded text on both sides.
 */
public final class TextFold {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private TextFold() {
    }

    /** Compatibility decomposition, combining marks dropped, then lower case (ß becomes "ss" here too). */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT)
                .replace("ß", "ss");
    }
}
