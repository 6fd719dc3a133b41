package dev.pippa.bench;

import dev.pippa.application.port.in.ConversationUseCases;
import dev.pippa.application.port.in.CreateConversationCommand;
import dev.pippa.application.port.in.MessageUseCases;
import dev.pippa.application.port.in.PostMessageCommand;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SortOrder;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store alone, as the service uses it (a real file, synchronous=FULL, each message's jobs written with
 * it), without HTTP: what the storage layer can do on this machine, to set the HTTP figures of
 * bench/load.sh against. Run with {@code bash bench/store.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx192m", "-XX:+UseSerialGC"})
public class StoreBenchmark {

    private static final OwnerId OWNER = new OwnerId("bench");
    private static final NewMessage MESSAGE = new NewMessage(Role.USER, "load test message", null);
    private static final int READ_CONVERSATION_MESSAGES = 1_000;

    private TemporaryStore temporary;
    private ConversationUseCases conversations;
    private MessageUseCases messages;
    private ConversationId appendedTo;
    private ConversationId readFrom;

    @Setup(Level.Trial)
    public void open() throws IOException {
        temporary = new TemporaryStore();
        conversations = temporary.conversations();
        messages = temporary.messages();
        appendedTo = conversations.createConversation(new CreateConversationCommand(OWNER,
                new NewConversation("appends", null), Optional.empty())).id();
        readFrom = conversations.createConversation(new CreateConversationCommand(OWNER,
                new NewConversation("reads", null), Optional.empty())).id();
        for (int i = 0; i < READ_CONVERSATION_MESSAGES; i++) {
            messages.postMessage(new PostMessageCommand(OWNER, readFrom, MESSAGE, Optional.empty()));
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        temporary.close();
    }

    /** One caller at a time: every append waits for its own commit and fsync. */
    @Benchmark
    @Threads(1)
    public Message appendOneCaller() {
        return messages.postMessage(new PostMessageCommand(OWNER, appendedTo, MESSAGE, Optional.empty()));
    }

    /** 50 callers, as many as the HTTP benchmark's connections: appends share commits (group commit). */
    @Benchmark
    @Threads(50)
    public Message append50Callers() {
        return messages.postMessage(new PostMessageCommand(OWNER, appendedTo, MESSAGE, Optional.empty()));
    }

    /** The first page of 100 messages, as the HTTP benchmark's GET asks for, on two threads (two cores). */
    @Benchmark
    @Threads(2)
    public Page<Message> readPageOf100() {
        return messages.listMessages(OWNER, readFrom, PageRequest.first(100, SortOrder.ASC));
    }
}
