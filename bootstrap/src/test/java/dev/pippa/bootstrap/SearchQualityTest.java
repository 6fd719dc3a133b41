package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.adapter.out.embeddings.OnnxEmbedder;
import dev.pippa.adapter.out.sqlite.SqliteConversationStore;
import dev.pippa.adapter.out.sqlite.SqliteDatabase;
import dev.pippa.adapter.out.sqlite.SqliteFileStore;
import dev.pippa.adapter.out.sqlite.SqliteMessageSearch;
import dev.pippa.adapter.out.sqlite.SqliteSettings;
import dev.pippa.adapter.out.sqlite.SqliteVectorStore;
import dev.pippa.application.port.in.MessageUseCases;
import dev.pippa.application.port.in.PostMessageCommand;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.service.HybridSearch;
import dev.pippa.application.service.MessageEmbeddings;
import dev.pippa.application.service.Services;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchMode;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.SortOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search quality on the evaluation set in src/test/resources/search-eval.txt (200 messages in ten topics,
 * 60 queries, most sharing no word with their answers), with the real MiniLM model on a real SQLite file:
 * prints recall@5 and MRR for each mode (the table in docs/search.md) and holds hybrid to beating keyword
 * and not falling below semantic.
 */
class SearchQualityTest {

    private static final OwnerId OWNER = new OwnerId("eval");
    private static final int TOP = 5;

    @TempDir
    Path directory;

    private record Query(String text, Set<String> relevant) {
    }

    private record Score(double recallAt5, double mrr) {
    }

    @Test
    void givenTheEvaluationSet_whenSearchedInEachMode_thenHybridBeatsKeywordAndMatchesOrBeatsSemantic()
            throws IOException {
        try (SqliteDatabase database = SqliteDatabase.open(SqliteSettings.defaults(directory.resolve("eval.db")))) {
            SqliteConversationStore conversations = new SqliteConversationStore(database);
            HybridSearch search = new HybridSearch(new SqliteMessageSearch(database), conversations,
                    new SqliteVectorStore(database), new SqliteFileStore(database),
                    new MessageEmbeddings(new SqliteVectorStore(database),
                    OnnxEmbedder.builtIn()), 64L << 20);
            Map<MessageId, String> names = new HashMap<>();
            List<Query> queries = load(conversations, names);
            MessageId first = names.entrySet().stream().filter(entry -> entry.getValue().equals("acc1"))
                    .findFirst().orElseThrow().getKey();
            ConversationId firstTopic = conversations.findMessages(OWNER, List.of(first)).getFirst().conversationId();
            search.indexMessages(new ArrayList<>(names.keySet()));

            Map<SearchMode, Score> scores = new EnumMap<>(SearchMode.class);
            for (SearchMode mode : SearchMode.values()) {
                scores.put(mode, evaluate(search, queries, names, mode));
            }

            System.out.printf("search quality, %d queries over %d messages (all-MiniLM-L6-v2-q, SQLite):%n",
                    queries.size(), names.size());
            System.out.println("| mode | recall@5 | MRR |\n|---|---|---|");
            scores.forEach((mode, score) -> System.out.printf("| %s | %.3f | %.3f |%n", mode.wireName(),
                    score.recallAt5(), score.mrr()));
            var recalled = search.recall(OWNER, firstTopic, "How do I reset my password?", 3, 0).messages();
            assertThat(recalled).as("recall for a generation: that conversation only, by meaning")
                    .allMatch(message -> message.conversationId().equals(firstTopic))
                    .extracting(message -> names.get(message.id())).contains("acc1");
            Score keyword = scores.get(SearchMode.KEYWORD);
            Score semantic = scores.get(SearchMode.SEMANTIC);
            Score hybrid = scores.get(SearchMode.HYBRID);
            assertThat(hybrid.recallAt5()).isGreaterThan(keyword.recallAt5()).isGreaterThanOrEqualTo(semantic.recallAt5());
            assertThat(hybrid.mrr()).isGreaterThan(keyword.mrr()).isGreaterThanOrEqualTo(semantic.mrr());
        }
    }

    private static Score evaluate(HybridSearch search, List<Query> queries, Map<MessageId, String> names,
                                  SearchMode mode) {
        double recall = 0;
        double reciprocalRanks = 0;
        for (Query query : queries) {
            List<SearchHit> hits;
            try {
                hits = search.search(OWNER, new SearchQuery(query.text(), null, null,
                        PageRequest.first(10, SortOrder.ASC), mode)).items();
            } catch (InvalidInputException notKeywordSyntax) { // "cross-origin": a 400 for a caller; nothing found
                hits = List.of();
            }
            List<String> found = hits.stream().map(hit -> names.get(hit.message().id())).toList();
            long inTop = found.stream().limit(TOP).filter(query.relevant()::contains).count();
            recall += (double) inTop / query.relevant().size();
            for (int rank = 0; rank < found.size(); rank++) {
                if (query.relevant().contains(found.get(rank))) {
                    reciprocalRanks += 1.0 / (rank + 1);
                    break;
                }
            }
        }
        return new Score(recall / queries.size(), reciprocalRanks / queries.size());
    }

    /** Stores the set's messages (a conversation per topic) and returns its queries. */
    private static List<Query> load(SqliteConversationStore store, Map<MessageId, String> names) throws IOException {
        String text = new String(SearchQualityTest.class.getResourceAsStream("/search-eval.txt").readAllBytes(),
                StandardCharsets.UTF_8);
        var conversations = Services.conversations(store);
        MessageUseCases messages = Services.messages(store, Clock.systemUTC(), MessageJobs.NONE);
        List<Query> queries = new ArrayList<>();
        ConversationId topic = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("topic ")) {
                topic = conversations.createConversation(new dev.pippa.application.port.in.CreateConversationCommand(
                        OWNER, new NewConversation(line.substring(6), null), Optional.empty())).id();
            } else if (line.startsWith("m ")) {
                int colon = line.indexOf(':');
                var posted = messages.postMessage(new PostMessageCommand(OWNER, topic,
                        new NewMessage(Role.USER, line.substring(colon + 2), null), Optional.empty()));
                names.put(posted.id(), line.substring(2, colon));
            } else if (line.startsWith("q: ")) {
                String[] parts = line.substring(3).split(" => ");
                queries.add(new Query(parts[0], Set.of(parts[1].split(", "))));
            }
        }
        return queries;
    }
}
