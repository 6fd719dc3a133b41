package dev.pippa.domain.generation;

import dev.pippa.domain.Check;
import dev.pippa.domain.MessageId;
import java.util.Arrays;
import java.util.List;

/**
 * What a generation sent the model besides its instructions: which messages (oldest first), whether the
 * conversation's summary stood in for older ones, and the tokens of it all as counted before sending.
 */
public record ContextSent(List<MessageId> messageIds, boolean summaryUsed, long tokens) {

    public ContextSent {
        Check.notNull("message_ids", messageIds);
        messageIds = List.copyOf(messageIds);
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must not be negative");
        }
    }

    /** The message ids as one text, space-separated, oldest first: how stores keep them in one column. */
    public String messageIdsText() {
        return String.join(" ", messageIds.stream().map(MessageId::value).toList());
    }

    /** Back from {@link #messageIdsText()} and the other columns; null when nothing was recorded. */
    public static ContextSent fromText(String messageIds, Boolean summaryUsed, Long tokens) {
        if (messageIds == null) {
            return null;
        }
        return new ContextSent(messageIds.isEmpty() ? List.of()
                : Arrays.stream(messageIds.split(" ")).map(MessageId::new).toList(),
                Boolean.TRUE.equals(summaryUsed), tokens == null ? 0 : tokens);
    }
}
