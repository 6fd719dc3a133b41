package dev.pippa.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.Message;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.SortOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link dev.pippa.application.port.out.MessageSearch} must have: the same syntax, scoping,
 * paging and errors on every store. Each implementation runs it by extending this class.
 */
public abstract class MessageSearchContract {

    private static final OwnerId ALICE = new OwnerId("alice");
    private static final OwnerId BOB = new OwnerId("bob");

    private SearchStores store;
    private Conversation trip;

    /** A new, empty database with its stores. */
    protected abstract SearchStores openStores() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStores();
        trip = store.conversations().createConversation(ALICE, new NewConversation("trip", null));
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private Message say(OwnerId owner, Conversation conversation, Role role, String content) {
        Message message = store.conversations().appendMessage(owner, conversation.id(), new NewMessage(role, content, null));
        store.search().indexMessages(List.of(message.id()));
        return message;
    }

    private List<String> contents(OwnerId owner, String q) {
        return store.search().search(owner, new SearchQuery(q, null, null, PageRequest.first(20, SortOrder.ASC)))
                .items().stream().map(hit -> hit.message().content()).toList();
    }

    @Test
    void givenEnglishMessages_whenSearchingWordsPhrasesAndPrefixes_thenMatchesRankedWithHighlightedSnippets() {
        say(ALICE, trip, Role.USER, "Book a train from Paris to Lyon on Friday");
        say(ALICE, trip, Role.ASSISTANT, "The train to Lyon leaves Paris at nine; trains are frequent");
        say(ALICE, trip, Role.USER, "What about the café near the station?");

        assertThat(contents(ALICE, "lyon")).hasSize(2);
        assertThat(contents(ALICE, "\"train from Paris\"")).containsExactly("Book a train from Paris to Lyon on Friday");
        assertThat(contents(ALICE, "fre*")).containsExactly("The train to Lyon leaves Paris at nine; trains are frequent");
        assertThat(contents(ALICE, "cafe")).as("accents folded").hasSize(1);
        SearchHit hit = store.search().search(ALICE, new SearchQuery("friday", null, null,
                PageRequest.first(5, SortOrder.ASC))).items().getFirst();
        assertThat(hit.snippet()).contains("<mark>Friday</mark>");
    }

    @Test
    void givenKoreanAndChineseMessages_whenSearchingWords_thenTheyAreFound() {
        say(ALICE, trip, Role.USER, "내일 서울에서 부산까지 기차표를 예약해 주세요");
        say(ALICE, trip, Role.USER, "我想预订从北京到上海的高铁票");
        say(ALICE, trip, Role.USER, "日本語のテキストも検索できますか");

        assertThat(contents(ALICE, "기차표")).hasSize(1);
        assertThat(contents(ALICE, "부산")).as("two Hangul syllables, glued to a particle").hasSize(1);
        assertThat(contents(ALICE, "北京")).as("a two-character Chinese word").hasSize(1);
        assertThat(contents(ALICE, "高铁票")).hasSize(1);
        assertThat(contents(ALICE, "検索")).hasSize(1);
        assertThat(contents(ALICE, "上海 高铁")).hasSize(1);
        assertThat(contents(ALICE, "东京")).isEmpty();
    }

    @Test
    void givenAnotherOwnersMessages_whenSearching_thenOnlyTheCallersAreFound() {
        Conversation bobs = store.conversations().createConversation(BOB, new NewConversation("bob", null));
        say(BOB, bobs, Role.USER, "secret plans for Lyon");
        say(ALICE, trip, Role.USER, "public plans for Lyon");

        assertThat(contents(ALICE, "plans")).containsExactly("public plans for Lyon");
        assertThat(contents(BOB, "plans")).containsExactly("secret plans for Lyon");
    }

    @Test
    void givenFilters_whenSearching_thenOnlyThatConversationAndRoleMatch() {
        Conversation other = store.conversations().createConversation(ALICE, new NewConversation("other", null));
        say(ALICE, trip, Role.USER, "pack the umbrella");
        say(ALICE, trip, Role.ASSISTANT, "umbrella packed");
        say(ALICE, other, Role.USER, "umbrella elsewhere");

        Page<SearchHit> page = store.search().search(ALICE, new SearchQuery("umbrella", trip.id(), Role.USER,
                PageRequest.first(20, SortOrder.ASC)));

        assertThat(page.items()).extracting(hit -> hit.message().content()).containsExactly("pack the umbrella");
    }

    @Test
    void givenManyMatches_whenPagedWithCursors_thenEachIsSeenOnce() {
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            posted.add(say(ALICE, trip, Role.USER, "repeat note " + i).content());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<SearchHit> page = store.search().search(ALICE, new SearchQuery("note", null, null,
                    new PageRequest(3, SortOrder.ASC, cursor)));
            page.items().forEach(hit -> seen.add(hit.message().content()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(posted);
        String firstCursor = store.search().search(ALICE, new SearchQuery("note", null, null,
                PageRequest.first(3, SortOrder.ASC))).nextCursor();
        assertThatThrownBy(() -> store.search().search(ALICE, new SearchQuery("other words", null, null,
                new PageRequest(3, SortOrder.ASC, firstCursor)))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.search().search(BOB, new SearchQuery("note", null, null,
                new PageRequest(3, SortOrder.ASC, firstCursor)))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void givenMalformedQueries_whenSearching_thenInvalidInputNamingQ() {
        say(ALICE, trip, Role.USER, "anything");

        for (String bad : List.of("\"unterminated", "AND", "foo:bar", "(a OR", "NEAR(", "a OR", "(a", "a)",
                "a AND AND b", "don't", "\"nul \u0000 inside\"", "北京\u0000")) {
            assertThatThrownBy(() -> contents(ALICE, bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("q"));
        }
    }

    @Test
    void givenOperators_whenSearching_thenNotOrAndGroupingSelectTheSameMessagesOnEveryStore() {
        say(ALICE, trip, Role.USER, "red apple");
        say(ALICE, trip, Role.USER, "green apple");
        say(ALICE, trip, Role.USER, "red cherry");

        assertThat(contents(ALICE, "red apple")).as("juxtaposed words: both").containsExactly("red apple");
        assertThat(contents(ALICE, "apple NOT green")).containsExactly("red apple");
        assertThat(contents(ALICE, "cherry OR green")).containsExactlyInAnyOrder("green apple", "red cherry");
        assertThat(contents(ALICE, "red AND (apple OR cherry)")).containsExactlyInAnyOrder("red apple", "red cherry");
        assertThat(contents(ALICE, "\"apple red\"")).as("a phrase keeps its order").isEmpty();
        assertThat(contents(ALICE, "Ch*")).as("prefix, case folded").containsExactly("red cherry");
        assertThat(contents(ALICE, "and")).as("lower-case operators are words").isEmpty();
    }

    @Test
    void givenPunctuationInsideQuotes_whenSearching_thenItIsSearchTextNotAnError() {
        say(ALICE, trip, Role.USER, "it's 100% done: back\\slash and a_b");

        for (String quoted : List.of("\"it's\"*", "\"100%\"", "\"back\\slash\"*", "\"a_b\"", "\"done:\"",
                "\"x\\ y\"*", "\"it's 100\"")) {
            assertThat(contents(ALICE, quoted)).as(quoted).hasSizeLessThanOrEqualTo(1);
        }
        assertThat(contents(ALICE, "\"100%\"")).hasSize(1);
        assertThat(contents(ALICE, "\"it's 100\"")).hasSize(1);
    }

    @Test
    void givenATermOnceAndOftenInShortMessages_whenSearching_thenTheDenserMatchRanksFirstWithTheLowerScore() {
        say(ALICE, trip, Role.USER, "rust notes from the meeting");
        say(ALICE, trip, Role.USER, "rust rust rust rust");

        List<SearchHit> hits = store.search().search(ALICE, new SearchQuery("rust", null, null,
                PageRequest.first(5, SortOrder.ASC))).items();

        assertThat(hits).extracting(hit -> hit.message().content())
                .containsExactly("rust rust rust rust", "rust notes from the meeting");
        assertThat(hits.get(0).score()).as("lower is more relevant").isLessThan(hits.get(1).score());
    }

    @Test
    void givenAnIndexedConversation_whenDeleted_thenItsMessagesAreNoLongerFoundAndTheIndexStaysSound() {
        say(ALICE, trip, Role.USER, "ephemeral words");
        Conversation kept = store.conversations().createConversation(ALICE, new NewConversation("kept", null));
        say(ALICE, kept, Role.USER, "lasting words");

        store.conversations().deleteConversation(ALICE, trip.id());

        assertThat(contents(ALICE, "words")).containsExactly("lasting words");
        assertThat(contents(ALICE, "ephemeral")).isEmpty();
    }

    @Test
    void givenAMessageIndexedTwice_whenSearching_thenItIsFoundOnce() {
        Message message = say(ALICE, trip, Role.USER, "idempotent indexing");

        store.search().indexMessages(List.of(message.id()));

        assertThat(contents(ALICE, "idempotent")).hasSize(1);
    }
}
