package dev.pippa.domain.transfer;

import dev.pippa.domain.Check;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewMessage;
import java.time.Instant;
import java.util.List;

/**
 * A conversation read from an export file, before it is stored: where it came from (so importing the same
 * file again creates nothing), what it held, and its times as they were.
 *
 * @param source       the file's kind ({@code pippa}, {@code chatgpt})
 * @param sourceId     the conversation's id in that file
 * @param lastActivity its last activity as the file gives it; null: worked out from its messages
 * @param skippedParts parts that could not be imported (images, files, tool payloads), counted
 * @param archived     whether it was archived there; {@code pinned}: whether it was pinned
 */
public record ImportedConversation(String source, String sourceId, String title, Metadata metadata,
                                   Instant createdAt, Instant lastActivity, List<Message> messages,
                                   int skippedParts, boolean archived, boolean pinned) {

    /** A message as it was: its text and its times (its id will be new); {@code editedAt} may be null. */
    public record Message(NewMessage message, Instant createdAt, Instant editedAt) {
        public Message {
            Check.notNull("message", message);
            Check.notNull("created_at", createdAt);
        }
    }

    public ImportedConversation {
        Check.notNull("source", source);
        Check.notNull("source_id", sourceId);
        Check.notNull("created_at", createdAt);
        metadata = metadata == null ? Metadata.EMPTY : metadata;
        messages = List.copyOf(messages);
    }

    /** The same conversation holding {@code held} as its messages. */
    public ImportedConversation withMessages(List<Message> held) {
        return new ImportedConversation(source, sourceId, title, metadata, createdAt, lastActivity, held, skippedParts,
                archived, pinned);
    }

    /** Its last activity: as the file says, else the newest message's time, else its creation. */
    public Instant updatedAt() {
        if (lastActivity != null) {
            return lastActivity;
        }
        return messages.stream().map(Message::createdAt).max(Instant::compareTo)
                .filter(newest -> newest.isAfter(createdAt)).orElse(createdAt);
    }
}
