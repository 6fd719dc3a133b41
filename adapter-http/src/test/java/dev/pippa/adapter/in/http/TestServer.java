package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.GenerationLimits;
import dev.pippa.application.port.in.AccessToken;
import dev.pippa.application.port.out.AccessTokens;
import dev.pippa.application.port.out.VerifiedToken;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.port.out.PasswordHasher;
import dev.pippa.application.port.in.Password;
import dev.pippa.application.service.LiveEvents;
import dev.pippa.application.service.Services;
import dev.pippa.application.testing.InMemoryConversationStore;
import dev.pippa.application.testing.InMemoryUserStore;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.Summary;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.application.port.out.SummaryStore;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The HTTP face on a real port (0: any free one), on the application's in-memory stores: what is tested here
 * is HTTP (routing, statuses, headers, bodies), not persistence. Login uses stand-ins for hashing and
 * tokens (the real ones live in adapter-security, which this adapter must not depend on).
 */
final class TestServer implements AutoCloseable {

    /** The import size limit of test servers. */
    static final long IMPORT_MAX_BYTES = 256 * 1024;

    final InMemoryConversationStore conversations = new InMemoryConversationStore();
    final IndexedMessages search = new IndexedMessages();
    final Summaries summaries = new Summaries();
    final LiveEvents events;
    private final WebServer server;
    private final Thread pump;

    TestServer(boolean login, RequestLimits limits) {
        this(login, limits, defaultStreamLimits());
    }

    static LiveEvents.Limits defaultStreamLimits() {
        return new LiveEvents.Limits(8, 2_000, 64, Duration.ofDays(1));
    }

    TestServer(boolean login, RequestLimits limits, LiveEvents.Limits streamLimits) {
        this(login, limits, streamLimits, Optional.of(GenerationLimits.NONE));
    }

    /** @param generation its limits; empty: no chat model configured */
    TestServer(boolean login, RequestLimits limits, LiveEvents.Limits streamLimits,
               Optional<GenerationLimits> generation) {
        Access access = login
                ? Access.bearerTokens(Services.auth(new InMemoryUserStore(), new ReversingHasher(), new PlainTokens(),
                        conversations))
                : Access.singleTenant(new OwnerId("tester"));
        PippaHttp.Options options = new PippaHttp.Options(List.of(), false, RateLimitOptions.off(), limits,
                "a test key that seals the cursors".getBytes(),
                new StreamOptions(Duration.ofSeconds(1), Duration.ofMillis(500), 64 * 1024), Duration.ofMillis(300),
                IMPORT_MAX_BYTES, IMPORT_MAX_BYTES);
        events = Services.liveEvents(conversations, conversations, streamLimits, Clock.systemUTC());
        pump = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    events.awaitSignal(Duration.ofSeconds(1));
                    events.pump();
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
        PippaHttp.UseCases useCases = new PippaHttp.UseCases(Services.conversations(conversations),
                Services.messages(conversations), Services.insights(conversations, search, summaries), events,
                generation.map(generationLimits -> Services.generation(conversations, Clock.systemUTC(),
                        MessageJobs.NONE, generationLimits, () -> { })),
                Services.export(conversations), Services.imports(conversations, Clock.systemUTC(), MessageJobs.NONE),
                java.util.Optional.empty(), () -> { });
        server = WebServer.builder()
                .port(0)
                .directHandlers(DirectProblems.handlers())
                .routing(routing -> PippaHttp.routing(routing, useCases, access, new InFlightRequests(), options))
                .addRouting(PippaHttp.webSocket(useCases, access, options))
                .build()
                .start();
    }

    static RequestLimits defaultLimits() {
        return new RequestLimits(64, 64, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        events.stop();
        try {
            events.awaitAllClosed(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        pump.interrupt();
    }

    /** Finds the messages it was told about that contain the query's text. */
    static final class IndexedMessages implements MessageSearch {
        private final List<Message> indexed = new CopyOnWriteArrayList<>();

        void add(Message message) {
            indexed.add(message);
        }

        @Override
        public void indexMessages(List<MessageId> messageIds) {
        }

        @Override
        public Page<SearchHit> search(OwnerId owner, SearchQuery query) {
            List<SearchHit> hits = indexed.stream().filter(message -> message.content().contains(query.text()))
                    .map(message -> new SearchHit(message, "<mark>" + query.text() + "</mark>", -1.5)).toList();
            return new Page<>(hits, false, null);
        }
    }

    /** Summaries kept in a map. */
    static final class Summaries implements SummaryStore {
        private final Map<ConversationId, Summary> byConversation = new ConcurrentHashMap<>();

        @Override
        public Optional<Summary> findSummary(OwnerId owner, ConversationId conversationId) {
            return Optional.ofNullable(byConversation.get(conversationId));
        }

        @Override
        public void saveSummary(OwnerId owner, Summary summary, NewEvent whenKept) {
            byConversation.put(summary.conversationId(), summary);
        }

        @Override
        public List<Message> messagesAfter(OwnerId owner, ConversationId conversationId, MessageId after, int limit) {
            return List.of();
        }
    }

    /** A stand-in hash: the password reversed. */
    private static final class ReversingHasher implements PasswordHasher {
        @Override
        public PasswordHash hash(Password password) {
            return new PasswordHash("reversed$" + new StringBuilder(password.value()).reverse());
        }

        @Override
        public boolean matches(String candidate, PasswordHash hash) {
            return hash.value().equals("reversed$" + new StringBuilder(candidate).reverse());
        }
    }

    /** A stand-in token: the user id and token version behind a prefix. */
    private static final class PlainTokens implements AccessTokens {
        @Override
        public AccessToken issue(User user) {
            return new AccessToken("token-" + user.tokenVersion() + "-" + user.id().value(), lifetime());
        }

        @Override
        public Optional<VerifiedToken> verify(String token) {
            String[] parts = token.split("-", 3);
            return parts.length == 3 && parts[0].equals("token") && parts[2].startsWith("usr_")
                    ? Optional.of(new VerifiedToken(new UserId(parts[2]), token, Long.parseLong(parts[1]),
                            Instant.now().plus(lifetime())))
                    : Optional.empty();
        }

        @Override
        public Duration lifetime() {
            return Duration.ofHours(1);
        }
    }
}
