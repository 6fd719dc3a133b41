package dev.pippa.domain.generation;

import dev.pippa.domain.Check;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.file.FileId;
import java.util.Arrays;
import java.util.List;

/**
 * What a generation sent the model besides its instructions: which messages (oldest first), whether the
 * conversation's summary stood in for older ones, which chunks of the conversation's attached files it
 * was given (its citations, in the order they were numbered), and the tokens of it all as counted before
 * sending.
 */
public record ContextSent(List<MessageId> messageIds, boolean summaryUsed, List<Citation> citations, long tokens) {

    /** A chunk of a file sent as a passage: the file and the chunk's position in it. */
    public record Citation(FileId file, int position) {
        String text() {
            return file.value() + "#" + position;
        }

        static Citation parse(String text) {
            int hash = text.lastIndexOf('#');
            return new Citation(new FileId(text.substring(0, hash)), Integer.parseInt(text.substring(hash + 1)));
        }
    }

    public ContextSent {
        Check.notNull("message_ids", messageIds);
        messageIds = List.copyOf(messageIds);
        citations = citations == null ? List.of() : List.copyOf(citations);
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must not be negative");
        }
    }

    /** A context without file passages. */
    public ContextSent(List<MessageId> messageIds, boolean summaryUsed, long tokens) {
        this(messageIds, summaryUsed, List.of(), tokens);
    }

    /** The message ids as one text, space-separated, oldest first: how stores keep them in one column. */
    public String messageIdsText() {
        return String.join(" ", messageIds.stream().map(MessageId::value).toList());
    }

    /** The citations as one text ({@code file#position}, space-separated), as stores keep them. */
    public String citationsText() {
        return String.join(" ", citations.stream().map(Citation::text).toList());
    }

    /** Back from {@link #messageIdsText()}, {@link #citationsText()} and the other columns; null when nothing was recorded. */
    public static ContextSent fromText(String messageIds, Boolean summaryUsed, String citations, Long tokens) {
        if (messageIds == null) {
            return null;
        }
        return new ContextSent(messageIds.isEmpty() ? List.of()
                : Arrays.stream(messageIds.split(" ")).map(MessageId::new).toList(),
                Boolean.TRUE.equals(summaryUsed), citations == null || citations.isEmpty() ? List.of()
                : Arrays.stream(citations.split(" ")).map(Citation::parse).toList(), tokens == null ? 0 : tokens);
    }
}
