package dev.pippa.adapter.out.postgres;

/**
 * PostgreSQL's text types cannot hold U+0000, which the API accepts (and SQLite keeps) in titles, contents
 * and summaries. Stored text therefore writes U+0000 as U+FFFF '0' and U+FFFF itself as U+FFFF U+FFFF: a
 * reversible escape that leaves every other character, and so search, untouched. Metadata needs none: it is
 * stored as JSON, where U+0000 is the six characters of its escape.
 */
final class NulSafeText {

    private static final char NUL = '\u0000';
    private static final char ESCAPE = '\uFFFF';

    private NulSafeText() {
    }

    static String encode(String text) {
        if (text == null || text.indexOf(NUL) < 0 && text.indexOf(ESCAPE) < 0) {
            return text;
        }
        StringBuilder stored = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == NUL) {
                stored.append(ESCAPE).append('0');
            } else if (c == ESCAPE) {
                stored.append(ESCAPE).append(ESCAPE);
            } else {
                stored.append(c);
            }
        }
        return stored.toString();
    }

    static String decode(String stored) {
        if (stored == null || stored.indexOf(ESCAPE) < 0) {
            return stored;
        }
        StringBuilder text = new StringBuilder(stored.length());
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            if (c == ESCAPE && i + 1 < stored.length()) {
                i++;
                text.append(stored.charAt(i) == '0' ? NUL : ESCAPE);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
