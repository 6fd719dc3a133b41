package dev.pippa.application.port.in;

import dev.pippa.domain.OwnerId;
import dev.pippa.domain.transfer.ImportedConversation;
import java.util.Iterator;
import java.util.List;

/** Conversations brought in from export files: each in one transaction, each once. */
public interface ImportUseCases {

    /** One thing read from a file: a conversation, or why the part at {@code position} could not be read. */
    sealed interface Item {
        long position();
    }

    record Parsed(long position, ImportedConversation conversation) implements Item {
    }

    record Unreadable(long position, String why) implements Item {
    }

    /** What an import did; {@code position} is a line (NDJSON) or an index in the list (JSON). */
    record Report(long conversations, long messages, long skipped, long alreadyImported, List<Problem> errors) {
        public record Problem(long position, String message) {
        }
    }

    /**
     * Stores each conversation the items yield, in its own transaction, as the items are read (so a file
     * of any length is never held whole). One already imported from the same source is left alone; an
     * unreadable one is reported and the rest go on.
     */
    Report importConversations(OwnerId owner, Iterator<Item> items);
}
