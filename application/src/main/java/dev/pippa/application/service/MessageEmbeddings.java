package dev.pippa.application.service;

import dev.pippa.application.port.out.Embedder;
import dev.pippa.application.port.out.PackedVector;
import dev.pippa.application.port.out.VectorStore;
import dev.pippa.application.port.out.VectorStore.MessageText;
import dev.pippa.domain.MessageId;
import java.util.List;

/**
 * Makes and keeps the embeddings of messages: for new and edited messages (with their index jobs) and for
 * a back-fill of the ones stored before embeddings were on, or under another model. Running it twice for
 * the same message changes nothing but the vector's sequence.
 */
public final class MessageEmbeddings {

    private final VectorStore store;
    private final Embedder embedder;
    private MessageId backfilled;

    public MessageEmbeddings(VectorStore store, Embedder embedder) {
        this.store = store;
        this.embedder = embedder;
    }

    String model() {
        return embedder.model();
    }

    float[] embedQuery(String text) {
        return embedder.embed(List.of(text)).getFirst();
    }

    /** Embeds those of these messages that still exist. */
    void embed(List<MessageId> ids) {
        save(store.texts(ids));
    }

    /**
     * Embeds the next {@code batch} messages that have no vector of this model yet, in id order from
     * where the last call stopped; returns how many (0: none are left). After a restart it starts over,
     * skipping the messages done: what is stored is the progress, so a killed back-fill resumes.
     */
    public synchronized int backfill(int batch) {
        List<MessageText> next = store.withoutVector(embedder.model(), backfilled, batch);
        save(next);
        if (!next.isEmpty()) {
            backfilled = next.getLast().id();
        }
        return next.size();
    }

    private void save(List<MessageText> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<float[]> vectors = embedder.embed(messages.stream().map(MessageText::content).toList());
        store.save(embedder.model(), messages, vectors.stream().map(PackedVector::pack).toList());
    }
}
