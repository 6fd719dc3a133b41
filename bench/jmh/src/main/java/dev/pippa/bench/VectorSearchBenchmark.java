package dev.pippa.bench;

import dev.pippa.adapter.out.sqlite.SqliteConversationStore;
import dev.pippa.adapter.out.sqlite.SqliteFileStore;
import dev.pippa.adapter.out.sqlite.SqliteMessageSearch;
import dev.pippa.adapter.out.sqlite.SqliteVectorStore;
import dev.pippa.application.port.in.ImportUseCases;
import dev.pippa.application.port.out.Embedder;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.port.out.PackedVector;
import dev.pippa.application.port.out.VectorStore;
import dev.pippa.application.service.HybridSearch;
import dev.pippa.application.service.MessageEmbeddings;
import dev.pippa.application.service.Services;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SearchMode;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.transfer.ImportedConversation;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A semantic search of one user's {@code vectors} messages (384 dimensions, as MiniLM's) on a real SQLite
 * file: the store's last-sequence check, the brute-force scoring of every vector in memory, and reading the
 * ten messages found. The query's own embedding is left out (a fixed random vector stands in for the
 * model, which takes about 3 ms a sentence here): this measures the search behind the model. JMH's
 * SampleTime mode prints p50 and p99. Run with {@code bash bench/store.sh VectorSearchBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector"})
public class VectorSearchBenchmark {

    private static final OwnerId OWNER = new OwnerId("bench");
    private static final int DIMENSIONS = 384;
    private static final int PER_CONVERSATION = 10_000;

    @Param({"10000", "100000"})
    public int vectors;

    private TemporaryStore temporary;
    private HybridSearch search;
    private int next;

    /** Stands in for the model: each query a random unit vector, the same ones in every run. */
    private static final class RandomQueries implements Embedder {
        private final Random random = new Random(42);

        @Override
        public String model() {
            return "bench-random-384";
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return texts.stream().map(text -> unit(random)).toList();
        }
    }

    @Setup(Level.Trial)
    public void seed() throws IOException {
        temporary = new TemporaryStore();
        SqliteConversationStore store = new SqliteConversationStore(temporary.database());
        ImportUseCases imports = Services.imports(store, Clock.systemUTC(), MessageJobs.NONE);
        imports.importConversations(OWNER, conversations(vectors / PER_CONVERSATION));
        VectorStore vectorStore = new SqliteVectorStore(temporary.database());
        Embedder embedder = new RandomQueries();
        Random random = new Random(7);
        List<VectorStore.MessageText> batch;
        while (!(batch = vectorStore.withoutVector(embedder.model(), null, 5_000)).isEmpty()) {
            vectorStore.save(embedder.model(), batch, batch.stream().map(text -> PackedVector.pack(unit(random)))
                    .toList());
        }
        search = new HybridSearch(new SqliteMessageSearch(temporary.database()), store, vectorStore,
                new SqliteFileStore(temporary.database()),
                new MessageEmbeddings(vectorStore, embedder), 256L << 20);
        search.search(OWNER, query()); // loads the owner's vectors into memory, as the first search does
    }

    private static Iterator<ImportUseCases.Item> conversations(int count) {
        List<ImportUseCases.Item> items = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            List<ImportedConversation.Message> messages = new ArrayList<>(PER_CONVERSATION);
            for (int m = 0; m < PER_CONVERSATION; m++) {
                messages.add(new ImportedConversation.Message(new NewMessage(Role.USER,
                        "message " + m + " of conversation " + c, null), Instant.ofEpochSecond(1_700_000_000L + m), null));
            }
            items.add(new ImportUseCases.Parsed(c, new ImportedConversation("bench", "c" + c, "c" + c, null,
                    Instant.ofEpochSecond(1_700_000_000L), null, messages, 0, false, false)));
        }
        return items.iterator();
    }

    private SearchQuery query() {
        return new SearchQuery("query " + next++, null, null, PageRequest.first(10, SortOrder.ASC),
                SearchMode.SEMANTIC);
    }

    @Benchmark
    public Object semanticSearch() {
        return search.search(OWNER, query());
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        temporary.close();
    }

    private static float[] unit(Random random) {
        float[] vector = new float[DIMENSIONS];
        double norm = 0;
        for (int i = 0; i < DIMENSIONS; i++) {
            vector[i] = (float) random.nextGaussian();
            norm += vector[i] * vector[i];
        }
        for (int i = 0; i < DIMENSIONS; i++) {
            vector[i] /= (float) Math.sqrt(norm);
        }
        return vector;
    }
}
