package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up cache as {@code ./pippa} makes and uses it (JDK 25 or newer): {@code pippa train} under
 * {@code -XX:AOTCacheOutput} records one, and a JVM that must use it ({@code -XX:AOTMode=on} refuses to
 * start otherwise) serves, keeps what it acknowledges and stops cleanly.
 */
class StartUpCacheIT {

    private static final List<String> FLAGS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-Xlog:aot*=error");

    @TempDir
    Path directory;

    @Test
    void givenACacheRecordedByTheTrainingRun_whenTheServiceStartsWithIt_thenItServesAndStopsCleanly() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "AOT caches need JDK 25");
        Path cache = directory.resolve("pippa.aot");
        List<String> record = new ArrayList<>(FLAGS);
        record.add("-XX:AOTCacheOutput=" + cache);
        try (PippaProcess training = PippaProcess.run(record, Map.of(), "train")) {
            assertThat(training.awaitExit()).as(training.output()).isZero();
            assertThat(training.output()).contains("pippa: training run done");
        }
        assertThat(cache).isNotEmptyFile();
        assertThat(directory.resolve("pippa.db")).doesNotExist();

        List<String> use = new ArrayList<>(FLAGS);
        use.addAll(List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on"));
        int port = PippaProcess.freePort();
        try (PippaProcess pippa = PippaProcess.start(use, Map.of("SERVER_PORT", Integer.toString(port),
                "PIPPA_DB_PATH", directory.resolve("pippa.db").toString(), "PIPPA_AUTH", "none"))) {
            ApiClient api = new ApiClient(port);
            String conversation = api.newConversation("cached start");
            List<String> posted = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                posted.add(api.postMessage(conversation, "message " + i));
            }
            JsonNode page = api.get("/v1/conversations/" + conversation + "/messages?limit=100").json();
            List<String> read = new ArrayList<>();
            page.get("data").forEach(message -> read.add(message.get("id").asText()));

            assertThat(read).containsExactlyElementsOf(posted);
            assertThat(pippa.terminate()).as(pippa.output()).isZero();
            assertThat(pippa.output()).contains("pippa: stopped").doesNotContain("Exception");
        }
        assertThat(Files.size(directory.resolve("pippa.db"))).isPositive();
    }
}
