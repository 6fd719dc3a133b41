package dev.pippa.bootstrap;

import static dev.pippa.bootstrap.TwoNodesIT.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar back-fills embeddings over messages stored while they were off, is killed with SIGKILL half
 * way, and finishes the back-fill at the next start: every message gets exactly one vector.
 */
class EmbeddingBackfillCrashIT {

    private static final int MESSAGES = 3_000;

    @TempDir
    Path folder;

    @Test
    void givenABackFillKilledHalfWay_whenStartedAgain_thenEveryMessageEndsWithOneVector() throws Exception {
        Path database = folder.resolve("backfill.db");
        int port = PippaProcess.freePort();
        try (PippaProcess off = PippaProcess.start(environment(database, port, "off"))) {
            ApiClient api = new ApiClient(port);
            ApiClient.Reply imported = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/v1/import"))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ndjson())));
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
            assertThat(off.terminate()).isZero();
        }
        assertThat(SqliteRows.number(database, "SELECT count(*) FROM message")).isEqualTo(MESSAGES);

        try (PippaProcess first = PippaProcess.start(environment(database, port, "minilm"))) {
            awaitCondition(() -> vectors(database) > 0);
            first.kill();
        }
        long atKill = vectors(database);
        assertThat(atKill).as("killed half way").isBetween(1L, (long) MESSAGES - 1);

        try (PippaProcess again = PippaProcess.start(environment(database, port, "minilm"))) {
            awaitCondition(() -> vectors(database) == MESSAGES);
            ApiClient api = new ApiClient(port);
            String hit = api.get("/v1/search?mode=semantic&limit=1&q="
                    + URLEncoder.encode("a question about gardening number 2999", StandardCharsets.UTF_8))
                    .json().get("data").get(0).get("message").get("content").asText();
            assertThat(hit).contains("garden");
            assertThat(again.terminate()).isZero();
        }
        assertThat(SqliteRows.number(database, "SELECT count(DISTINCT message_id) FROM message_vector")).isEqualTo(MESSAGES);
    }

    private static Map<String, String> environment(Path database, int port, String embeddings) {
        return new HashMap<>(Map.of("SERVER_PORT", Integer.toString(port), "PIPPA_DB_PATH", database.toString(),
                "PIPPA_AUTH", "none", "PIPPA_ACCESS_LOG", "false", "PIPPA_EMBEDDINGS", embeddings,
                "PIPPA_IMPORT_MAX_MB", "64"));
    }

    private static String ndjson() {
        StringBuilder file = new StringBuilder("{\"object\":\"conversation\",\"id\":\"conv_x\",\"title\":\"many\","
                + "\"created_at\":\"2024-01-01T00:00:00Z\"}\n");
        for (int i = 0; i < MESSAGES; i++) {
            String topic = i % 2 == 0 ? "cooking pasta" : "gardening tomatoes";
            file.append("{\"object\":\"message\",\"role\":\"user\",\"content\":\"A question about ").append(topic)
                    .append(", number ").append(i).append("\",\"created_at\":\"2024-01-01T00:00:01Z\"}\n");
        }
        return file.toString();
    }

    private static long vectors(Path database) {
        try {
            return SqliteRows.number(database, "SELECT count(*) FROM message_vector");
        } catch (SQLException e) {
            return 0; // the table appears with the first start that migrates it
        }
    }
}
