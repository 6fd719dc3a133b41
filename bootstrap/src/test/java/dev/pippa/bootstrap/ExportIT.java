package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.adapter.out.sqlite.SqliteSettings;
import dev.pippa.application.testing.UseCasesOver;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import dev.pippa.domain.TimeOrderedIds;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100,000-message export from the real jar under a heap far smaller than the export: it can only
 * succeed if the server streams it (a page at a time) instead of building it in memory.
 */
class ExportIT {

    private static final int MESSAGES = 100_000;
    /** The export is about 30 MB of JSON; buffered, its strings alone would not fit. */
    private static final String HEAP = "-Xmx40m";

    @TempDir
    Path folder;

    @Test
    void givenAHundredThousandMessages_whenExportedUnderASmallHeap_thenEveryLineArrivesInOrder() throws Exception {
        Path database = folder.resolve("big.db");
        String conversation = seed(database);
        int port = PippaProcess.freePort();
        try (PippaProcess pippa = PippaProcess.start(List.of(HEAP, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"),
                Map.of("SERVER_PORT", Integer.toString(port), "PIPPA_DB_PATH", database.toString(),
                        "PIPPA_AUTH", "none", "PIPPA_ACCESS_LOG", "false", "PIPPA_OWNER", "tester"))) {
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/conversations/" + conversation + "/export")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long lines = 0;
            long bytes = 0;
            String last = null;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines++;
                    bytes += line.length() + 1;
                    last = line;
                }
            }
            System.out.printf("ExportIT: %d lines, %.1f MB exported with %s%n", lines, bytes / 1e6, HEAP);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(lines).as("the conversation, then every message").isEqualTo(MESSAGES + 1);
            assertThat(last).contains("\"content\":\"message " + (MESSAGES - 1) + " ");
            assertThat(pippa.output()).doesNotContain("OutOfMemoryError");
        }
    }

    /** The messages, written in one transaction straight into the file (100,000 POSTs would take minutes). */
    private static String seed(Path database) {
        OwnerId owner = new OwnerId("tester");
        try (Persistence store = Persistence.open(new DatabaseChoice.Sqlite(SqliteSettings.defaults(database)),
                Clock.systemUTC())) {
            Conversation created = new UseCasesOver(store.conversations())
                    .createConversation(owner, new NewConversation("big", null));
            TimeOrderedIds ids = TimeOrderedIds.shared();
            String padding = "x".repeat(200); // about 300 bytes a line, as a chat message
            store.conversations().write(tx -> {
                Conversation conversation = created;
                Instant now = Instant.ofEpochMilli(Clock.systemUTC().millis());
                for (int i = 0; i < MESSAGES; i++) {
                    Message message = new NewMessage(i % 2 == 0 ? Role.USER : Role.ASSISTANT,
                            "message " + i + " " + padding, null).storedAs(MessageId.next(ids), conversation.id(), now);
                    tx.insertMessage(message);
                    conversation = conversation.withMessageAppended(now);
                }
                tx.updateConversation(conversation);
                return null;
            });
            return created.id().value();
        }
    }
}
