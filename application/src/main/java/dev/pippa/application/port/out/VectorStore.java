package dev.pippa.application.port.out;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import java.util.List;

/**
 * Where message embeddings are kept: one packed vector per message and model ({@link PackedVector}), with
 * what a search filters by. Each save takes a new, larger sequence number, so a reader that holds an
 * owner's vectors can fetch only what changed since ({@link #vectorsAfter}). A message's vectors go with it.
 */
public interface VectorStore {

    /** A message's text and where it belongs: what an embedding is made from. */
    record MessageText(MessageId id, OwnerId owner, ConversationId conversationId, Role role, String content) {
    }

    /** A stored vector with its sequence number. */
    record StoredVector(long sequence, MessageId id, ConversationId conversationId, Role role, PackedVector vector) {
    }

    /** The texts of those of these messages that still exist. */
    List<MessageText> texts(List<MessageId> ids);

    /**
     * Up to {@code limit} messages, by id after {@code after} (null: from the first), that have no vector of
     * {@code model}: what a back-fill embeds next.
     */
    List<MessageText> withoutVector(String model, MessageId after, int limit);

    /** Saves (or replaces) each message's vector of {@code model}; a message deleted meanwhile is skipped. */
    void save(String model, List<MessageText> messages, List<PackedVector> vectors);

    /** The owner's vectors of {@code model} saved after sequence {@code after} (0: all), by sequence. */
    List<StoredVector> vectorsAfter(OwnerId owner, String model, long after);

    /** The largest sequence of the owner's vectors of {@code model}; 0 when there are none. */
    long lastSequence(OwnerId owner, String model);
}
