package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production wiring with PIPPA_SUMMARIZER=openai against a stub endpoint on 127.0.0.1 that always
 * fails: the summary job is retried, then marked failed; the API keeps working and the summary stays pending.
 */
class RemoteSummaryFailureTest {

    @TempDir
    Path directory;

    @Test
    void givenAnEndpointThatAlwaysFails_whenASummaryIsDue_thenRetriedThenFailedAndTheApiKeepsWorking() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v1/chat/completions", exchange -> {
            calls.incrementAndGet();
            byte[] body = "{\"error\":\"upstream exploded\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(502, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try (PippaServer server = PippaServer.start(HttpApiTest.testSettings(directory, Map.of(
                "pippa.summarizer", "openai",
                "pippa.openai.base.url", "http://127.0.0.1:" + stub.getAddress().getPort() + "/v1",
                "pippa.openai.model", "stub-model",
                "pippa.openai.timeout.seconds", "2",
                "pippa.jobs.attempts", "2",
                "pippa.summary.every", "2")))) {
            ApiClient api = new ApiClient(server.port());
            String conversation = api.newConversation("remote");
            api.postMessage(conversation, "first");
            api.postMessage(conversation, "second");

            long deadline = System.nanoTime() + 20_000_000_000L;
            while (api.metric("pippa_jobs_failed") < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(api.metric("pippa_jobs_failed")).isEqualTo(1);
            assertThat(calls.get()).as("one call per attempt").isEqualTo(2);
            assertThat(api.get("/v1/conversations/" + conversation + "/summary").json().get("status").asText())
                    .isEqualTo("pending");
            assertThat(api.get("/v1/conversations/" + conversation).json().get("message_count").asInt()).isEqualTo(2);
            assertThat(api.get("/v1/search?q=second").json().get("data")).hasSize(1);
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("api.db"));
                 ResultSet failed = db.createStatement().executeQuery(
                         "SELECT kind, attempts, last_error FROM job WHERE status = 'failed'")) {
                assertThat(failed.next()).isTrue();
                assertThat(failed.getString(1)).isEqualTo("summarize_conversation");
                assertThat(failed.getInt(2)).isEqualTo(2);
                assertThat(failed.getString(3)).contains("answered 502").contains("upstream exploded");
            }
        } finally {
            stub.stop(0);
        }
    }
}
