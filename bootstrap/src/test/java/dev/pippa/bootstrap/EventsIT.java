package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.adapter.in.http.SseClient;
import dev.pippa.adapter.out.postgres.EmbeddedPostgresServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live events from the real jar: resuming across a clean restart and a kill -9 (the history is in the
 * database), shutdown that tells streams to reconnect, a thousand subscribers at once while health still
 * answers, and events crossing from one node to another on PostgreSQL.
 */
class EventsIT {

    @TempDir
    Path folder;

    private Map<String, String> sqlite(int port, Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(Map.of("SERVER_PORT", Integer.toString(port),
                "PIPPA_DB_PATH", folder.resolve("events.db").toString(), "PIPPA_AUTH", "none",
                "PIPPA_ACCESS_LOG", "false", "PIPPA_RATE_LIMIT", "false", "PIPPA_SUMMARY_EVERY", "3"));
        environment.putAll(overrides);
        return environment;
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void givenAStreamResumedAfterACleanStopAndAfterKill9_whenItReconnects_thenItGetsExactlyWhatItMissed()
            throws Exception {
        int port = PippaProcess.freePort();
        String conversation;
        String lastSeen;
        String crashed;
        List<String> missed = new ArrayList<>();
        try (PippaProcess pippa = PippaProcess.start(sqlite(port, Map.of()))) {
            ApiClient api = new ApiClient(port);
            conversation = api.newConversation("resumable");
            try (SseClient stream = SseClient.open(uri(port, "/v1/conversations/" + conversation + "/events"))) {
                for (int i = 0; i < 3; i++) {
                    api.postMessage(conversation, "seen " + i);
                }
                List<String> types = new ArrayList<>();
                SseClient.Event event = null;
                while (!types.contains("summary.updated")) { // the third message causes a summary
                    event = stream.next();
                    types.add(event.type());
                }
                assertThat(types).startsWith("message.created", "message.created", "message.created");
                lastSeen = event.id();

                assertThat(pippa.terminate()).as("a clean stop with a stream open").isZero();
                SseClient.Event last = stream.next();
                assertThat(last.type()).isEqualTo("stream.ended");
                assertThat(last.id()).as("no id: the client resumes from the last real one").isNull();
                assertThat(last.json().get("reason").asText()).isEqualTo("shutdown");
                assertThat(stream.awaitEnd()).isTrue();
            }
        }
        try (PippaProcess pippa = PippaProcess.start(sqlite(port, Map.of()))) {
            ApiClient api = new ApiClient(port);
            for (int i = 0; i < 2; i++) {
                missed.add(api.postMessage(conversation, "missed before the crash " + i));
            }
            try (SseClient resumed = SseClient.open(uri(port, "/v1/conversations/" + conversation + "/events"),
                    "Last-Event-ID", lastSeen)) {
                List<SseClient.Event> replayed = resumed.next(2);
                assertThat(replayed).extracting(event -> event.json().get("id").asText())
                        .containsExactlyElementsOf(missed);
                lastSeen = replayed.getLast().id();
            }
            crashed = api.postMessage(conversation, "acknowledged, then kill -9");
            pippa.kill();
        }
        try (PippaProcess pippa = PippaProcess.start(sqlite(port, Map.of()));
             SseClient resumed = SseClient.open(uri(port, "/v1/conversations/" + conversation + "/events"),
                     "Last-Event-ID", lastSeen)) {
            SseClient.Event first = resumed.next();
            assertThat(first.type()).isEqualTo("message.created");
            assertThat(first.json().get("id").asText()).as("the write acknowledged before kill -9").isEqualTo(crashed);
        }
    }

    @Test
    void givenAThousandSubscribers_whenMessagesArePosted_thenEachGetsEveryOneAndHealthStillAnswers()
            throws Exception {
        int port = PippaProcess.freePort();
        int subscribers = 1_000;
        try (PippaProcess pippa = PippaProcess.start(sqlite(port, Map.of("PIPPA_EVENTS_STREAMS_PER_USER", "2000",
                "PIPPA_SUMMARY_EVERY", "1000")))) {
            ApiClient api = new ApiClient(port);
            String conversation = api.newConversation("crowd");
            List<SseClient> streams = new ArrayList<>();
            try {
                for (int i = 0; i < subscribers; i++) {
                    SseClient stream = SseClient.open(uri(port, "/v1/conversations/" + conversation + "/events"));
                    assertThat(stream.status()).as("stream %d", i).isEqualTo(200);
                    streams.add(stream);
                }
                assertThat(api.get("/observe/health").status()).as("health with 1,000 streams open").isEqualTo(200);
                assertThat(api.get("/v1/conversations").status()).isEqualTo(200);
                assertThat(api.metric("pippa_events_streams")).isEqualTo(subscribers);
                List<String> posted = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    posted.add(api.postMessage(conversation, "to everyone " + i));
                }
                for (SseClient stream : streams) {
                    assertThat(stream.next(20)).extracting(event -> event.json().get("id").asText())
                            .containsExactlyElementsOf(posted);
                }
            } finally {
                streams.forEach(SseClient::close);
            }
        }
    }

    @Test
    void givenTwoNodesOnPostgres_whenOneNodeWrites_thenAStreamOnTheOtherGetsTheEvent() throws Exception {
        String database = EmbeddedPostgresServer.newDatabase();
        int portA = PippaProcess.freePort();
        int portB = PippaProcess.freePort();
        Map<String, String> common = Map.of("PIPPA_DB_URL", database);
        try (PippaProcess a = PippaProcess.start(sqlite(portA, common));
             PippaProcess b = PippaProcess.start(sqlite(portB, common))) {
            ApiClient nodeA = new ApiClient(portA);
            String conversation = nodeA.newConversation("across nodes");
            try (SseClient onB = SseClient.open(uri(portB, "/v1/conversations/" + conversation + "/events"))) {
                List<String> posted = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    posted.add((i % 2 == 0 ? nodeA : new ApiClient(portB)).postMessage(conversation, "hop " + i));
                }
                List<String> arrived = new ArrayList<>();
                while (arrived.size() < posted.size()) { // a summary.updated may come in between
                    SseClient.Event event = onB.next();
                    if (event.type().equals("message.created")) {
                        arrived.add(event.json().get("id").asText());
                    }
                }
                assertThat(arrived).containsExactlyElementsOf(posted);
            }
        }
    }
}
