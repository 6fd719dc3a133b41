package dev.pippa.application.service;

import dev.pippa.application.port.out.FileStore;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.OwnerId;
import java.util.List;

/**
 * What a generation recalls by meaning for its question, most related first: the conversation's earlier
 * messages, from beyond its window of latest ones, and passages of the files attached to it. The question
 * is embedded once for both. {@link #NONE} without embeddings.
 */
@FunctionalInterface
public interface Recall {

    /** What was recalled: up to the asked numbers of messages and of passages. */
    record Recalled(List<Message> messages, List<FileStore.Chunk> passages) {
        public Recalled {
            messages = List.copyOf(messages);
            passages = List.copyOf(passages);
        }
    }

    Recall NONE = (owner, conversation, question, messages, passages) -> new Recalled(List.of(), List.of());

    Recalled recall(OwnerId owner, ConversationId conversation, String question, int messages, int passages);
}
