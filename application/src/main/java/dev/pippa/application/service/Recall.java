package dev.pippa.application.service;

import dev.pippa.application.port.out.FileStore;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.OwnerId;
import java.util.List;

/**
 * What a generation recalls by meaning for its question, most related first: the conversation's earlier
 * messages, from beyond its window of latest ones, and passages of the files attached to it.
 * {@link #NONE} without embeddings.
 */
@FunctionalInterface
public interface Recall {

    Recall NONE = (owner, conversation, text, limit) -> List.of();

    List<Message> related(OwnerId owner, ConversationId conversation, String text, int limit);

    /** Chunks of the files attached to the conversation related to {@code text}; none by default. */
    default List<FileStore.Chunk> passages(OwnerId owner, ConversationId conversation, String text, int limit) {
        return List.of();
    }
}
