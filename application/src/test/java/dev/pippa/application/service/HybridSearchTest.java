package dev.pippa.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.application.port.out.Embedder;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.application.port.out.PackedVector;
import dev.pippa.application.port.out.VectorStore;
import dev.pippa.application.testing.InMemoryConversationStore;
import dev.pippa.application.testing.UseCasesOver;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchMode;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.SortOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The search modes' rules over fakes: a two-dimensional "model" (the angle of a vector is its meaning), a
 * keyword index that answers what it is told, and vectors kept in a list.
 */
class HybridSearchTest {

    private static final OwnerId ADA = new OwnerId("ada");
    private static final OwnerId BOB = new OwnerId("bob");

    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final UseCasesOver use = new UseCasesOver(conversations);
    private final MemoryVectors vectors = new MemoryVectors(conversations);
    private final Map<String, float[]> meanings = new HashMap<>();
    private List<SearchHit> keywordHits = List.of();
    private boolean keywordSyntaxError;

    private final Embedder model = new Embedder() {
        @Override
        public String model() {
            return "angles";
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(text -> meanings.getOrDefault(text, new float[] {0, 1})).toList();
        }
    };

    private final MessageSearch keyword = new MessageSearch() {
        @Override
        public void indexMessages(List<MessageId> ids) {
        }

        @Override
        public Page<SearchHit> search(OwnerId owner, SearchQuery query) {
            if (keywordSyntaxError) {
                throw new InvalidInputException("q", "is not a valid search");
            }
            return Page.ofSearchHits(keywordHits, owner, query, 0);
        }
    };

    private final HybridSearch search = new HybridSearch(keyword, conversations, vectors, null,
            new MessageEmbeddings(vectors, model), 1 << 20);

    private Message post(OwnerId owner, ConversationId conversation, String text, float x, float y) {
        meanings.put(text, unit(x, y));
        Message message = use.appendMessage(owner, conversation, new NewMessage(Role.USER, text, null));
        search.indexMessages(List.of(message.id()));
        return message;
    }

    private List<MessageId> found(SearchMode mode, String query) {
        return search.search(ADA, new SearchQuery(query, null, null, PageRequest.first(10, SortOrder.ASC), mode))
                .items().stream().map(hit -> hit.message().id()).toList();
    }

    @Test
    void givenVectors_whenSearchedByMeaning_thenClosestFirstAndOnlyTheOwnersAndNotDeletedOnes() {
        ConversationId adas = use.createConversation(ADA, new NewConversation("a", null)).id();
        ConversationId bobs = use.createConversation(BOB, new NewConversation("b", null)).id();
        Message near = post(ADA, adas, "near", 1, 0.1f);
        Message far = post(ADA, adas, "far", -1, 0);
        Message middle = post(ADA, adas, "middle", 1, 1);
        post(BOB, bobs, "bob's twin of near", 1, 0.1f);
        Message deleted = post(ADA, adas, "deleted", 1, 0);
        use.messages().deleteMessage(ADA, adas, deleted.id());
        meanings.put("query", unit(1, 0));

        assertThat(found(SearchMode.SEMANTIC, "query")).containsExactly(near.id(), middle.id(), far.id());
        SearchHit top = search.search(ADA, new SearchQuery("query", null, null, PageRequest.first(1, SortOrder.ASC),
                SearchMode.SEMANTIC)).items().getFirst();
        assertThat(top.scores().semantic()).isCloseTo(0.995, org.assertj.core.data.Offset.offset(0.02));
        assertThat(top.scores().keyword()).isNull();
    }

    @Test
    void givenBothRankings_whenHybrid_thenReciprocalRanksAddUpAndEachScoreIsKept() {
        ConversationId adas = use.createConversation(ADA, new NewConversation("a", null)).id();
        Message both = post(ADA, adas, "both", 0.9f, 0.2f);
        Message meaningOnly = post(ADA, adas, "meaning only", 1, 0);
        Message wordsOnly = post(ADA, adas, "words only", -1, 0);
        meanings.put("query", unit(1, 0));
        keywordHits = List.of(new SearchHit(both, "<mark>both</mark>", -2.0),
                new SearchHit(wordsOnly, "<mark>words</mark>", -1.0));

        List<SearchHit> hits = search.search(ADA, new SearchQuery("query", null, null,
                PageRequest.first(10, SortOrder.ASC), SearchMode.HYBRID)).items();

        // both: 1/61 by words + 1/62 by meaning; words only: 1/62 + 1/63 (last by meaning); meaning only: 1/61
        assertThat(hits).extracting(hit -> hit.message().id()).containsExactly(both.id(), wordsOnly.id(),
                meaningOnly.id());
        assertThat(hits.getFirst().score()).isCloseTo(1.0 / 61 + 1.0 / 62, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(hits.getFirst().snippet()).as("the keyword snippet, marks and all").isEqualTo("<mark>both</mark>");
        assertThat(hits.getFirst().scores().keyword()).isEqualTo(-2.0);
        assertThat(hits.getFirst().scores().semantic()).isNotNull();
        assertThat(hits.get(2).scores().keyword()).isNull();
    }

    @Test
    void givenAQuestionThatIsNotKeywordSyntax_whenHybrid_thenItIsRankedByMeaningInsteadOfRefused() {
        ConversationId adas = use.createConversation(ADA, new NewConversation("a", null)).id();
        Message answer = post(ADA, adas, "answer", 1, 0);
        meanings.put("what about: this?", unit(1, 0));
        keywordSyntaxError = true;

        assertThat(found(SearchMode.HYBRID, "what about: this?")).containsExactly(answer.id());
        assertThat(found(null, "what about: this?")).as("hybrid by default with embeddings").containsExactly(answer.id());
        assertThatThrownBy(() -> found(SearchMode.KEYWORD, "what about: this?")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void givenEmbeddingsOff_whenSemanticOrHybridIsAsked_thenRefusedNamingModeAndKeywordIsTheDefault() {
        HybridSearch wordsOnly = new HybridSearch(keyword, conversations, vectors, null, null, 0);
        for (SearchMode mode : List.of(SearchMode.SEMANTIC, SearchMode.HYBRID)) {
            assertThatThrownBy(() -> wordsOnly.search(ADA, new SearchQuery("q", null, null,
                    PageRequest.first(10, SortOrder.ASC), mode)))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("mode"))
                    .hasMessageContaining("PIPPA_EMBEDDINGS");
        }
        keywordHits = List.of();
        assertThat(wordsOnly.search(ADA, new SearchQuery("q", null, null, PageRequest.first(10, SortOrder.ASC),
                null)).items()).isEmpty();
        assertThat(wordsOnly.recall(ADA, new ConversationId("conv_01J00000000000000000000000"), "q", 5, 4))
                .isEqualTo(new Recall.Recalled(List.of(), List.of()));
    }

    @Test
    void givenAMessageEmbeddedAgain_whenSearched_thenItsNewMeaningCountsOnce() {
        ConversationId adas = use.createConversation(ADA, new NewConversation("a", null)).id();
        Message changing = post(ADA, adas, "changing", 1, 0);
        Message steady = post(ADA, adas, "steady", 1, 1);
        meanings.put("query", unit(1, 0));
        assertThat(found(SearchMode.SEMANTIC, "query")).containsExactly(changing.id(), steady.id());

        meanings.put("changing", unit(-1, 0));
        search.indexMessages(List.of(changing.id())); // as after an edit: a new vector, a new sequence

        assertThat(found(SearchMode.SEMANTIC, "query")).containsExactly(steady.id(), changing.id());
    }

    @Test
    void givenAMemoryBudgetForOneOwnerOnly_whenTwoOwnersSearchInTurn_thenEachStillGetsExactlyTheirResults() {
        HybridSearch tight = new HybridSearch(keyword, conversations, vectors, null, new MessageEmbeddings(vectors, model), 1);
        ConversationId adas = use.createConversation(ADA, new NewConversation("a", null)).id();
        ConversationId bobs = use.createConversation(BOB, new NewConversation("b", null)).id();
        Message ada = post(ADA, adas, "ada's", 1, 0);
        Message bob = post(BOB, bobs, "bob's", 1, 0);
        meanings.put("query", unit(1, 0));

        for (int turn = 0; turn < 3; turn++) {
            assertThat(tight.search(ADA, semantic("query")).items()).extracting(hit -> hit.message().id())
                    .containsExactly(ada.id());
            assertThat(tight.search(BOB, semantic("query")).items()).extracting(hit -> hit.message().id())
                    .containsExactly(bob.id());
        }
    }

    private static SearchQuery semantic(String text) {
        return new SearchQuery(text, null, null, PageRequest.first(10, SortOrder.ASC), SearchMode.SEMANTIC);
    }

    private static float[] unit(float x, float y) {
        float norm = (float) Math.sqrt(x * x + y * y);
        return new float[] {x / norm, y / norm};
    }

    /** Vectors in a list, each save a new sequence; texts read from the conversation store. */
    private static final class MemoryVectors implements VectorStore {
        private final InMemoryConversationStore conversations;
        private final List<Object[]> rows = new ArrayList<>(); // owner, text, vector, sequence
        private long sequence;

        MemoryVectors(InMemoryConversationStore conversations) {
            this.conversations = conversations;
        }

        @Override
        public List<MessageText> texts(List<MessageId> ids) {
            List<MessageText> texts = new ArrayList<>();
            for (OwnerId owner : List.of(ADA, BOB)) {
                conversations.findMessages(owner, ids).forEach(message -> texts.add(new MessageText(message.id(),
                        owner, message.conversationId(), message.role(), message.content())));
            }
            return texts;
        }

        @Override
        public List<MessageText> withoutVector(String model, MessageId after, int limit) {
            return List.of();
        }

        @Override
        public synchronized void save(String model, List<MessageText> messages, List<PackedVector> packed) {
            for (int i = 0; i < messages.size(); i++) {
                rows.add(new Object[] {messages.get(i), packed.get(i), ++sequence});
            }
        }

        @Override
        public synchronized List<StoredVector> vectorsAfter(OwnerId owner, String model, long after) {
            return rows.stream().filter(row -> ((MessageText) row[0]).owner().equals(owner) && (long) row[2] > after)
                    .map(row -> new StoredVector((long) row[2], ((MessageText) row[0]).id(),
                            ((MessageText) row[0]).conversationId(), ((MessageText) row[0]).role(), (PackedVector) row[1]))
                    .toList();
        }

        @Override
        public synchronized long lastSequence(OwnerId owner, String model) {
            return vectorsAfter(owner, model, 0).stream().mapToLong(StoredVector::sequence).max().orElse(0);
        }
    }
}
