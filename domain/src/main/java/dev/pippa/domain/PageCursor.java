package dev.pippa.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * A keyset position: the sort key ({@code position}, e.g. epoch millis, and the id as tie-breaker) of
 * the last item a page returned. It is bound to a scope (one conversation's messages, or one owner's
 * conversation list) and an order, so a cursor from one listing, or one user, cannot be replayed against
 * another. Encoded as
 * base64url text with a checksum: clients treat it as opaque, and a tampered one is refused.
 */
public record PageCursor(String scope, SortOrder order, long position, String lastId) {

    private static final int MAX_ENCODED_LENGTH = 512;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String VERSION = "1";

    /** The position after {@code conversation} in its owner's conversation list (keyed by list key, then id). */
    public static PageCursor after(Conversation conversation, SortOrder order) {
        return new PageCursor(conversationsOf(conversation.owner()), order, conversation.listKey(),
                conversation.id().value());
    }

    /** The position after {@code message} in its conversation (keyed by id). */
    public static PageCursor after(Message message, SortOrder order) {
        return new PageCursor(message.conversationId().value(), order, 0, message.id().value());
    }

    /**
     * The position after the first {@code offset} results of one owner's search. Ranked results page by
     * offset (their order is relevance, not a key), and the cursor is bound to the owner and the query.
     */
    static PageCursor afterSearchResults(OwnerId owner, SearchQuery query, long offset, String lastId) {
        return new PageCursor(searchOf(owner, query), query.page().order(), offset, lastId);
    }

    static PageCursor decodeSearch(String encoded, OwnerId owner, SearchQuery query) {
        return decode(encoded, searchOf(owner, query), query.page().order());
    }

    private static String searchOf(OwnerId owner, SearchQuery query) {
        return "search." + checksum(String.join("\n", owner.value(), query.text(),
                String.valueOf(query.conversationId()), String.valueOf(query.role()), String.valueOf(query.mode()),
                String.valueOf(new java.util.TreeSet<>(query.sources()))));
    }

    /** The position after {@code file} in its owner's file list (newest first, keyed by id). */
    public static PageCursor after(dev.pippa.domain.file.StoredFile file, SortOrder order) {
        return new PageCursor(filesOf(file.owner()), order, 0, file.id().value());
    }

    static PageCursor decodeFiles(String encoded, OwnerId owner, SortOrder expectedOrder) {
        return decode(encoded, filesOf(owner), expectedOrder);
    }

    private static String filesOf(OwnerId owner) {
        return "files." + checksum(owner.value());
    }

    static PageCursor decodeConversations(String encoded, OwnerId owner, SortOrder expectedOrder) {
        return decode(encoded, conversationsOf(owner), expectedOrder);
    }

    /** The scope of one owner's conversation list; a checksum, as owner ids may hold any character. */
    private static String conversationsOf(OwnerId owner) {
        return "conversations." + checksum(owner.value());
    }

    public String encode() {
        String body = String.join("|", VERSION, scope, order.wireName(), Long.toString(position), lastId);
        return ENCODER.encodeToString((body + "|" + checksum(body)).getBytes(StandardCharsets.UTF_8));
    }

    static PageCursor decode(String encoded, String expectedScope, SortOrder expectedOrder) {
        String[] parts = decodeParts(encoded);
        if (!parts[1].equals(expectedScope)) {
            throw invalid("belongs to another listing");
        }
        if (!parts[2].equals(expectedOrder.wireName())) {
            throw invalid("was issued for order=" + parts[2] + "; keep the same order while paging");
        }
        try {
            return new PageCursor(parts[1], expectedOrder, Long.parseLong(parts[3]), parts[4]);
        } catch (NumberFormatException e) {
            throw invalid("is malformed");
        }
    }

    private static String[] decodeParts(String encoded) {
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            throw invalid("is malformed");
        }
        String text;
        try {
            text = new String(DECODER.decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("is malformed");
        }
        int lastBar = text.lastIndexOf('|');
        String[] parts = text.split("\\|", -1);
        if (lastBar < 0 || parts.length != 6 || !parts[0].equals(VERSION)
                || !text.substring(lastBar + 1).equals(checksum(text.substring(0, lastBar)))) {
            throw invalid("is malformed");
        }
        return parts;
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private static InvalidInputException invalid(String why) {
        return new InvalidInputException("cursor", why + "; pass back next_cursor exactly as received");
    }
}
