package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full database over HTTP: writes get 507 problem+json naming the cause, reads go on, space returns. */
class StorageFullApiTest {

    @TempDir
    Path directory;

    @Test
    void givenADatabaseAtItsSizeLimit_whenPosting_then507WhileReadsWorkAndWritesResumeAfterFreeingSpace() {
        // No job workers: their search index entries (a copy of each message in two FTS5 tables) would
        // fill the 1 MiB at their own pace and make the point at which writes are refused a race.
        try (PippaServer server = PippaServer.start(HttpApiTest.testSettings(directory,
                Map.of("pippa.db.max.size.mb", "1", "pippa.jobs.workers", "0")))) {
            ApiClient api = new ApiClient(server.port());
            String big = "{\"role\":\"user\",\"content\":\"" + "x".repeat(100_000) + "\"}";
            ApiClient.Reply created = api.post("/v1/conversations", "{\"title\":\"ballast\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String ballast = created.json().get("id").asText();
            for (int i = 0; i < 3; i++) {
                assertThat(api.post("/v1/conversations/" + ballast + "/messages", big).status()).isEqualTo(201);
            }
            String kept = api.newConversation("kept");
            int acknowledged = 0;
            ApiClient.Reply refused = null;
            for (int i = 0; i < 50 && refused == null; i++) {
                ApiClient.Reply reply = api.post("/v1/conversations/" + kept + "/messages", big);
                if (reply.status() == 201) {
                    acknowledged++;
                } else {
                    refused = reply;
                }
            }

            assertThat(refused).isNotNull();
            assertThat(refused.status()).as(refused.body()).isEqualTo(507);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("code").asText()).isEqualTo("insufficient_storage");
            assertThat(refused.json().get("detail").asText()).contains("full");
            ApiClient.Reply read = api.get("/v1/conversations/" + kept + "/messages?limit=100");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("data")).hasSize(acknowledged);

            assertThat(api.delete("/v1/conversations/" + ballast).status()).isEqualTo(204);
            assertThat(api.post("/v1/conversations/" + kept + "/messages",
                    "{\"role\":\"user\",\"content\":\"room again\"}").status()).isEqualTo(201);
        }
    }
}
