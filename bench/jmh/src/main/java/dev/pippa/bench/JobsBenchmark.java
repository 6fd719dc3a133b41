package dev.pippa.bench;

import dev.pippa.application.port.in.ConversationUseCases;
import dev.pippa.application.port.in.CreateConversationCommand;
import dev.pippa.application.port.in.MessageUseCases;
import dev.pippa.application.port.in.PostMessageCommand;
import dev.pippa.adapter.out.sqlite.SqliteDatabase;
import dev.pippa.adapter.out.sqlite.SqliteJobStore;
import dev.pippa.adapter.out.sqlite.SqliteMessageSearch;
import dev.pippa.adapter.out.sqlite.SqliteSummaryStore;
import dev.pippa.application.port.out.JobObserver;
import dev.pippa.application.service.BackgroundJobs;
import dev.pippa.application.service.ExtractiveSummarizer;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
 * The background work a burst of messages leaves behind: the time one worker takes to drain the index and
 * summary jobs of {@link #MESSAGES} messages (20 conversations, a summary every 20 messages, as the
 * service runs by default), by how many jobs it leases at a time. Run with
 * {@code bash bench/store.sh JobsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx192m", "-XX:+UseSerialGC"})
public class JobsBenchmark {

    private static final OwnerId OWNER = new OwnerId("bench");
    private static final int MESSAGES = 4_000;
    private static final int CONVERSATIONS = 20;

    @Param({"16", "64", "256"})
    public int batch;

    private TemporaryStore temporary;
    private ConversationUseCases conversations;
    private MessageUseCases messages;
    private BackgroundJobs background;

    @Setup(Level.Iteration)
    public void burstOfMessages() throws IOException {
        temporary = new TemporaryStore();
        conversations = temporary.conversations();
        messages = temporary.messages();
        SqliteDatabase database = temporary.database();
        background = new BackgroundJobs(new SqliteJobStore(database, Clock.systemUTC()), new SqliteMessageSearch(database),
                new SqliteSummaryStore(database), new ExtractiveSummarizer(600),
                JobObserver.NONE, new BackgroundJobs.Policy(5, Duration.ofSeconds(1), Duration.ofSeconds(60)),
                Clock.systemUTC());
        ConversationId[] ids = new ConversationId[CONVERSATIONS];
        for (int c = 0; c < CONVERSATIONS; c++) {
            ids[c] = conversations.createConversation(new CreateConversationCommand(OWNER,
                    new NewConversation("c" + c, null), Optional.empty())).id();
        }
        for (int i = 0; i < MESSAGES; i++) {
            messages.postMessage(new PostMessageCommand(OWNER, ids[i % CONVERSATIONS],
                    new NewMessage(Role.USER, "Message " + i + ": the train to Lisbon leaves at nine.", null),
                    Optional.empty()));
        }
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        temporary.close();
    }

    /** Runs due jobs until none is left; returns how many ran. */
    @Benchmark
    public int drainJobs() {
        int ran = 0;
        for (int now = background.runDue(batch); now > 0; now = background.runDue(batch)) {
            ran += now;
        }
        return ran;
    }
}
