package dev.pippa.adapter.in.http;

import dev.pippa.domain.Conversation;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.OptionalLong;

/** Strong ETags carry the conversation's version, which grows with every change including new messages. */
final class ETags {

    private ETags() {
    }

    static String of(Conversation conversation) {
        return "\"" + conversation.version() + "\"";
    }

    /** The version an If-Match header demands; empty when absent or "*" (any current version). */
    static OptionalLong ifMatch(ServerRequest request) {
        return request.headers().first(HeaderNames.IF_MATCH)
                .map(String::strip)
                .filter(value -> !value.equals("*"))
                .map(ETags::parse)
                .orElse(OptionalLong.empty());
    }

    private static OptionalLong parse(String value) {
        String tag = value.startsWith("W/") ? value.substring(2) : value;
        if (tag.length() >= 3 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return OptionalLong.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
            } catch (NumberFormatException e) {
                // fall through: a tag we never issued can never match
            }
        }
        return OptionalLong.of(-1);
    }
}
