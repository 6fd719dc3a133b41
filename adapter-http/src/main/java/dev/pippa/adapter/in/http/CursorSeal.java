package dev.pippa.adapter.in.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals every cursor the API hands out with an HMAC-SHA256 tag under a server key, and opens only cursors
 * that carry a valid tag: a client can no more mint a cursor than it can a token (the domain's own
 * checksum only catches damage, and anyone can recompute it). Nodes that share the key accept each
 * other's cursors.
 */
final class CursorSeal {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int TAG_BYTES = 16;
    private static final char SEPARATOR = '.'; // not in the base64url alphabet of the cursor itself
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Mac prototype;

    CursorSeal(byte[] key) {
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** The cursor with its tag; null stays null (the last page). */
    String seal(String cursor) {
        return cursor == null ? null : cursor + SEPARATOR + ENCODER.encodeToString(tag(cursor));
    }

    /** The cursor inside a sealed one; null or empty stays as it is (the first page). */
    String open(String sealed) {
        if (sealed == null || sealed.isEmpty()) {
            return sealed;
        }
        return verified(sealed).orElseThrow(() -> ApiProblem.badParameter("cursor",
                "was not issued by this server; pass back next_cursor exactly as received"));
    }

    /** What a sealed value holds, if its tag is valid. */
    Optional<String> verified(String sealed) {
        int separator = sealed.lastIndexOf(SEPARATOR);
        if (separator > 0) {
            String cursor = sealed.substring(0, separator);
            byte[] expected = ENCODER.encode(tag(cursor));
            if (MessageDigest.isEqual(expected, sealed.substring(separator + 1).getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(cursor);
            }
        }
        return Optional.empty();
    }

    private byte[] tag(String cursor) {
        try {
            Mac mac = (Mac) prototype.clone(); // cheaper than a new instance; a Mac is not thread-safe
            return Arrays.copyOf(mac.doFinal(cursor.getBytes(StandardCharsets.UTF_8)), TAG_BYTES);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 cannot be cloned", e);
        }
    }
}
