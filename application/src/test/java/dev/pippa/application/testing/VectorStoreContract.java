package dev.pippa.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.port.out.PackedVector;
import dev.pippa.application.port.out.VectorStore;
import dev.pippa.application.port.out.VectorStore.MessageText;
import dev.pippa.application.port.out.VectorStore.StoredVector;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link VectorStore} must do, on a real database shared with the conversation store. */
public abstract class VectorStoreContract {

    /** The conversation store (through its use cases) and the vector store of one database. */
    public record VectorStores(UseCasesOver conversations, VectorStore vectors, AutoCloseable database) {
    }

    private static final OwnerId ADA = new OwnerId("ada");
    private static final OwnerId BOB = new OwnerId("bob");
    private static final String MODEL = "test-model";

    private VectorStores stores;
    private VectorStore vectors;

    protected abstract VectorStores openStores() throws Exception;

    @BeforeEach
    void open() throws Exception {
        stores = openStores();
        vectors = stores.vectors();
    }

    @AfterEach
    void close() throws Exception {
        stores.database().close();
    }

    @Test
    void givenMessagesWithoutVectors_whenSavedAndReadBack_thenEachRoundTripsWithGrowingSequences() {
        List<Message> messages = post(ADA, "one", "two", "three");
        List<MessageText> texts = vectors.texts(ids(messages));
        assertThat(texts).extracting(MessageText::content).containsExactly("one", "two", "three");
        assertThat(texts.getFirst().owner()).isEqualTo(ADA);
        assertThat(vectors.withoutVector(MODEL, null, 10)).extracting(MessageText::id).isEqualTo(ids(messages));

        vectors.save(MODEL, texts.subList(0, 2), List.of(vector(1f, 0f), vector(0f, 1f)));

        List<StoredVector> stored = vectors.vectorsAfter(ADA, MODEL, 0);
        assertThat(stored).extracting(StoredVector::id).containsExactly(messages.get(0).id(), messages.get(1).id());
        assertThat(stored.getFirst().vector().values()).containsExactly(vector(1f, 0f).values());
        assertThat(stored.getFirst().vector().scale()).isEqualTo(vector(1f, 0f).scale());
        assertThat(stored.getFirst().role()).isEqualTo(Role.USER);
        assertThat(stored.get(1).sequence()).isGreaterThan(stored.get(0).sequence());
        assertThat(vectors.lastSequence(ADA, MODEL)).isEqualTo(stored.get(1).sequence());
        assertThat(vectors.withoutVector(MODEL, null, 10)).extracting(MessageText::id)
                .containsExactly(messages.get(2).id());
        assertThat(vectors.withoutVector("another-model", messages.get(0).id(), 10)).extracting(MessageText::id)
                .containsExactly(messages.get(1).id(), messages.get(2).id());
    }

    @Test
    void givenAVectorSavedAgain_whenReadAfterTheLastSequence_thenOnlyTheNewOneComes() {
        List<MessageText> texts = vectors.texts(ids(post(ADA, "one", "two")));
        vectors.save(MODEL, texts, List.of(vector(1f, 0f), vector(0f, 1f)));
        long last = vectors.lastSequence(ADA, MODEL);

        vectors.save(MODEL, texts.subList(0, 1), List.of(vector(0.6f, 0.8f)));

        List<StoredVector> changed = vectors.vectorsAfter(ADA, MODEL, last);
        assertThat(changed).singleElement().satisfies(vector -> {
            assertThat(vector.id()).isEqualTo(texts.getFirst().id());
            assertThat(vector.vector().values()).containsExactly(vector(0.6f, 0.8f).values());
        });
        assertThat(vectors.vectorsAfter(ADA, MODEL, 0)).hasSize(2);
    }

    @Test
    void givenVectorsOfTwoOwners_whenDeletedOrRead_thenEachOwnerSeesOnlyTheirsAndDeletedMessagesTakeThemAlong() {
        List<Message> adas = post(ADA, "ada's");
        List<Message> bobs = post(BOB, "bob's", "bob's second");
        List<MessageText> texts = vectors.texts(ids(List.of(adas.getFirst(), bobs.get(0), bobs.get(1))));
        stores.conversations().messages().deleteMessage(BOB, bobs.get(1).conversationId(), bobs.get(1).id());

        vectors.save(MODEL, texts, List.of(vector(1f, 0f), vector(0f, 1f), vector(1f, 1f)));
        stores.conversations().deleteConversation(ADA, adas.getFirst().conversationId());

        assertThat(vectors.vectorsAfter(BOB, MODEL, 0)).extracting(StoredVector::id)
                .as("the message deleted before the save was skipped").containsExactly(bobs.getFirst().id());
        assertThat(vectors.vectorsAfter(ADA, MODEL, 0)).as("gone with its conversation").isEmpty();
        assertThat(vectors.lastSequence(ADA, MODEL)).isZero();
        assertThat(vectors.texts(ids(adas))).isEmpty();
    }

    private List<Message> post(OwnerId owner, String... contents) {
        Conversation conversation = stores.conversations().createConversation(owner, new NewConversation("t", null));
        return java.util.Arrays.stream(contents).map(content -> stores.conversations().appendMessage(owner,
                conversation.id(), new NewMessage(Role.USER, content, null))).toList();
    }

    private static List<MessageId> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private static PackedVector vector(float... values) {
        return PackedVector.pack(values);
    }
}
