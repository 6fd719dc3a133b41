package dev.pippa.bootstrap;

import dev.pippa.adapter.in.http.Access;
import dev.pippa.adapter.in.http.DirectProblems;
import dev.pippa.adapter.in.http.InFlightRequests;
import dev.pippa.adapter.in.http.PippaHttp;
import dev.pippa.adapter.out.documents.PdfBoxDocumentReader;
import dev.pippa.adapter.out.openai.OpenAiChatModel;
import dev.pippa.adapter.out.openai.OpenAiSummarizer;
import dev.pippa.adapter.out.openai.OpenAiTokenCounter;
import dev.pippa.adapter.out.security.Argon2PasswordHasher;
import dev.pippa.adapter.out.security.JwtAccessTokens;
import dev.pippa.application.port.out.Summarizer;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.service.BackgroundJobs;
import dev.pippa.application.service.Retention;
import dev.pippa.application.service.ExtractiveSummarizer;
import dev.pippa.application.service.FileService;
import dev.pippa.application.service.Generator;
import dev.pippa.application.service.HybridSearch;
import dev.pippa.application.service.MessageEmbeddings;
import dev.pippa.application.service.Recall;
import dev.pippa.application.service.LiveEvents;
import dev.pippa.application.service.Services;
import io.helidon.common.socket.SocketOptions;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.websocket.WsConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The running service: opens (and migrates) the store, serves HTTP, and on {@link #stop()} drains
 * in-flight requests before closing the store. Wiring is by hand: every part is visible here.
 */
final class PippaServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PippaServer.class.getName());
    private static final int MAX_REQUEST_LINE_BYTES = 16 * 1024;
    private static final Duration MIN_LEASE = Duration.ofSeconds(60);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final int SUMMARY_CHARACTERS = 600;
    private static final Duration RESPONSE_WAIT = Duration.ofSeconds(120);
    /** The latest messages considered for a reply's context (the token budget decides how many go). */
    private static final int CONTEXT_MESSAGES = 200;
    /** Streamed text is written as a delta event every 64 characters or 50 ms, whichever comes first. */
    private static final int DELTA_CHARS = 64;
    private static final Duration DELTA_EVERY = Duration.ofMillis(50);

    private final Settings settings;
    private final Persistence store;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final WebServer server;
    private final JobWorkers workers;
    private final GenerationWorkers chatWorkers; // null when generation is off
    private final RetentionSweeper retention; // null when retention is off
    private final AccountUpkeep accounts; // null when login is off
    private final EmbeddingBackfiller backfill; // null when embeddings are off
    private volatile FileProcessor fileProcessor; // null when embeddings are off (set after the server starts)
    private final JobMetrics jobMetrics;
    private final LiveEvents events;
    private final EventPump eventPump;

    private PippaServer(Settings settings) {
        this.settings = settings;
        ListenAddress.requireFree(settings.host(), settings.port());
        this.store = Persistence.open(settings.database(), Clock.systemUTC());
        this.jobMetrics = new JobMetrics(store.jobs());
        this.events = Services.liveEvents(store.events(), store.conversations(), settings.events().limits(),
                Clock.systemUTC());
        this.eventPump = new EventPump(events);
        Access access = access(settings, store);
        MessageJobs caused = BackgroundJobs.causedBy(settings.jobs().summaryEvery());
        HybridSearch search = search(settings, store);
        FileService files = settings.embeddings() == null ? null : new FileService(store.files(),
                store.conversations(), new PdfBoxDocumentReader(), settings.embeddings().embedder(), Clock.systemUTC());
        PippaHttp.UseCases useCases = new PippaHttp.UseCases(Services.conversations(store.conversations()),
                Services.messages(store.conversations(), Clock.systemUTC(), caused),
                Services.insights(store.conversations(), search, store.summaries()), events,
                Optional.ofNullable(settings.chat()).map(chat -> Services.generation(store.conversations(),
                        Clock.systemUTC(), caused, chat.limits(), this::generationQueued)),
                Services.export(store.conversations()), Services.imports(store.conversations(), Clock.systemUTC(),
                        caused), Optional.ofNullable(files), this::fileUploaded);
        PippaHttp.Options options = new PippaHttp.Options(settings.corsOrigins(), settings.accessLog(),
                settings.rateLimits(), settings.requestLimits(), settings.cursorKey(), settings.events().streams(),
                RESPONSE_WAIT, settings.importMaxBytes(),
                settings.embeddings() == null ? 1 : settings.embeddings().fileMaxBytes());
        try {
            this.server = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    .shutdownHook(false) // Main owns shutdown: drain first, then stop
                    // Without TCP_NODELAY, a response written in two segments waits out the client's
                    // delayed ACK (40 ms): measured here as 1,100 req/s instead of tens of thousands.
                    .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                    // Every documented input must fit: a 512-character CJK search is 4.6 KB once URL-encoded.
                    // (Only this HTTP/1 configuration: with a second, discovered one, Helidon would close an
                    // HTTP/1.0 connection without a word instead of answering 505.)
                    .protocolsDiscoverServices(false)
                    .addProtocol(Http1Config.builder().maxPrologueLength(MAX_REQUEST_LINE_BYTES).build())
                    .addProtocol(WsConfig.builder().name("websocket")
                            .maxFrameLength(settings.events().streams().maxFrameBytes()).build())
                    .directHandlers(DirectProblems.handlers())
                    .addFeature(ObserveFeature.just(
                            HealthObserver.builder()
                                    .details(true)
                                    .addCheck(this::databaseHealth, HealthCheckType.READINESS, "database")
                                    .build(),
                            MetricsObserver.create()))
                    .routing(routing -> PippaHttp.routing(routing, useCases, access, inFlight, options))
                    .addRouting(PippaHttp.webSocket(useCases, access, options))
                    .build()
                    .start();
            if (!server.isRunning() || server.port() < 0) { // lost a race for the port after the check
                server.stop();
                throw ListenAddress.unavailable(settings.host(), settings.port(), "the bind failed");
            }
            BackgroundJobs background = backgroundJobs(settings, store, search, jobMetrics, caused);
            this.workers = new JobWorkers(background, settings.jobs().workers());
            this.chatWorkers = settings.chat() == null ? null
                    : new GenerationWorkers(background, settings.chat().workers());
            this.retention = settings.retention().isZero() ? null : new RetentionSweeper(
                    new Retention(store.conversations(), settings.retention(), Clock.systemUTC()));
            this.accounts = access.auth().map(AccountUpkeep::new).orElse(null);
            this.fileProcessor = files == null ? null : new FileProcessor(files);
            this.backfill = settings.embeddings() == null ? null : new EmbeddingBackfiller(
                    new MessageEmbeddings(store.vectors(), settings.embeddings().embedder()));
            Thread.ofVirtual().name("pippa-warm-up").start(() -> {
                store.warmUp().run();
                PippaHttp.warmUp();
            });
        } catch (RuntimeException e) {
            eventPump.close();
            jobMetrics.close();
            store.close();
            throw e;
        }
    }

    /** A file was uploaded here: it is processed at once instead of at the next look. */
    private void fileUploaded() {
        FileProcessor processor = fileProcessor;
        if (processor != null) {
            processor.wake();
        }
    }

    /** A reply was asked for here: this node's chat workers look at once instead of at their next poll. */
    private void generationQueued() {
        if (chatWorkers != null) {
            chatWorkers.wake();
        }
    }

    /** Keyword search, and search by meaning when embeddings are on (indexing a message then embeds it too). */
    private static HybridSearch search(Settings settings, Persistence store) {
        EmbeddingSettings embeddings = settings.embeddings();
        return new HybridSearch(store.search(), store.conversations(), store.vectors(), store.files(),
                embeddings == null ? null : new MessageEmbeddings(store.vectors(), embeddings.embedder()),
                embeddings == null ? 0 : embeddings.cacheBytes());
    }

    private static BackgroundJobs backgroundJobs(Settings settings, Persistence store, HybridSearch search,
                                                 JobMetrics metrics, MessageJobs caused) {
        Summarizer summarizer = settings.openAi() == null ? new ExtractiveSummarizer(SUMMARY_CHARACTERS)
                : new OpenAiSummarizer(settings.openAi());
        // A lease outlives the slowest summariser call, so a live worker's job is never taken twice
        // (generations have their own lease, renewed while they run: GenerationWorkers).
        Duration lease = settings.openAi() == null ? MIN_LEASE
                : max(MIN_LEASE, settings.openAi().timeout().multipliedBy(2));
        return new BackgroundJobs(store.jobs(), search, store.summaries(), summarizer,
                metrics, new BackgroundJobs.Policy(settings.jobs().attempts(), FIRST_RETRY, lease),
                Clock.systemUTC(), generator(settings, store, caused, search));
    }

    /** Writes replies with the configured chat model (recalling by meaning with embeddings on); null when off. */
    private static Generator generator(Settings settings, Persistence store, MessageJobs caused, Recall recall) {
        ChatSettings chat = settings.chat();
        return chat == null ? null : new Generator(store.conversations(), store.summaries(),
                new OpenAiChatModel(chat.endpoint()), new OpenAiTokenCounter(chat.model()),
                new Generator.Settings(chat.model(), chat.instructions(), chat.contextTokens(), CONTEXT_MESSAGES,
                        DELTA_CHARS, DELTA_EVERY, chat.timeout()),
                caused, Clock.systemUTC(), new GenerationMetrics(), recall);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Access access(Settings settings, Persistence store) {
        if (settings.auth() == Settings.AuthMode.NONE) {
            LOG.log(System.Logger.Level.WARNING, "login is off (PIPPA_AUTH=none): every caller acts as owner '"
                    + settings.defaultOwner() + "'; do not expose this server to untrusted networks");
            return Access.singleTenant(settings.defaultOwner());
        }
        TokenSigning signing = settings.tokens();
        return Access.bearerTokens(Services.auth(store.users(), new Argon2PasswordHasher(),
                new JwtAccessTokens(signing.secret(), signing.lifetime(), Clock.systemUTC()), store.conversations()));
    }

    static PippaServer start(Settings settings) {
        return new PippaServer(settings);
    }

    int port() {
        return server.port();
    }

    InFlightRequests inFlight() {
        return inFlight;
    }

    String url() {
        return "http://" + settings.host() + ":" + port();
    }

    private HealthCheckResponse databaseHealth() {
        // No path or other internals: anyone may call the health endpoint.
        return HealthCheckResponse.builder().status(store.readable().getAsBoolean()).build();
    }

    /**
     * Ends the event streams (each told to reconnect), refuses new requests (503), waits for in-flight ones
     * (bounded), stops HTTP, lets running jobs finish (bounded; pending ones wait for the next start),
     * closes the store.
     */
    void stop() {
        events.stop();
        try {
            if (!events.awaitAllClosed(settings.shutdownTimeout())) {
                LOG.log(System.Logger.Level.WARNING, events.openStreams() + " event streams still open after "
                        + settings.shutdownTimeout().toSeconds() + " s; stopping anyway");
            }
            if (!inFlight.drain(settings.shutdownTimeout())) {
                LOG.log(System.Logger.Level.WARNING, inFlight.active() + " requests still running after "
                        + settings.shutdownTimeout().toSeconds() + " s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.stop();
            eventPump.close();
            if (retention != null) {
                retention.close();
            }
            if (accounts != null) {
                accounts.close();
            }
            if (backfill != null) {
                backfill.close();
            }
            if (fileProcessor != null) {
                fileProcessor.close();
            }
            workers.stop(settings.shutdownTimeout());
            if (chatWorkers != null) {
                chatWorkers.stop(settings.shutdownTimeout());
            }
            jobMetrics.close();
            store.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
