package dev.pippa.domain;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Generates ULIDs (26 Crockford base-32 characters: 48-bit millisecond time, then 80 random bits).
 * Within one millisecond the random part is incremented, so ids from one generator are strictly
 * increasing: stores that assign ids while holding their write lock get ids in commit order, which is
 * what keeps keyset paging from skipping rows.
 */
public final class TimeOrderedIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final boolean[] IN_ALPHABET = new boolean[128];

    static {
        for (char c : ALPHABET) {
            IN_ALPHABET[c] = true;
        }
    }
    private static final TimeOrderedIds SHARED = new TimeOrderedIds(Clock.systemUTC());

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private long randomHigh; // 16 bits
    private long randomLow;  // 64 bits

    public TimeOrderedIds(Clock clock) {
        this.clock = clock;
    }

    /** The process-wide generator, so ids from every store in this JVM stay ordered. */
    public static TimeOrderedIds shared() {
        return SHARED;
    }

    public synchronized String next() {
        long now = clock.millis();
        if (now > lastMillis) {
            lastMillis = now;
            randomHigh = random.nextInt(1 << 16);
            randomLow = random.nextLong();
        } else if (++randomLow == 0 && ++randomHigh == 1 << 16) {
            // 2^80 ids in one millisecond: borrow the next millisecond rather than wrap.
            lastMillis++;
            randomHigh = 0;
        }
        return encode(lastMillis, randomHigh, randomLow);
    }

    private static String encode(long millis, long high16, long low64) {
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits = 16 characters; walk them from the least significant end.
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (low64 & 31)];
            low64 = (low64 >>> 5) | ((high16 & 31) << 59);
            high16 >>>= 5;
        }
        return new String(out);
    }

    /** Whether {@code text}, from {@code start} on, is exactly one ULID. */
    static boolean isWellFormed(String text, int start) {
        if (text.length() - start != 26 || text.charAt(start) > '7') {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= IN_ALPHABET.length || !IN_ALPHABET[c]) {
                return false;
            }
        }
        return true;
    }
}
