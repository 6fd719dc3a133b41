package dev.pippa.bootstrap;

import static dev.pippa.bootstrap.HttpApiTest.assertProblem;
import static dev.pippa.bootstrap.TwoNodesIT.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pippa.adapter.out.documents.SamplePdf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge base over HTTP with the real model and real files on a real SQLite file. */
class FileApiTest {

    @TempDir
    static Path directory;

    static PippaServer server;
    static ApiClient ada;
    static ApiClient bob;

    @BeforeAll
    static void start() {
        server = PippaServer.start(AuthApiTest.authSettings(directory, "files.db", Map.of("pippa.embeddings", "minilm")));
        ApiClient anonymous = new ApiClient(server.port());
        ada = signedIn(anonymous, "ada@example.com");
        bob = signedIn(anonymous, "bob@example.com");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static ApiClient signedIn(ApiClient anonymous, String email) {
        AuthApiTest.register(anonymous, email, "correct horse battery");
        String token = AuthApiTest.login(anonymous, email, "correct horse battery").json().get("access_token")
                .asText();
        return new ApiClient(server.port(), "Authorization", "Bearer " + token);
    }

    static ApiClient.Reply upload(ApiClient client, String name, byte[] content) {
        String boundary = "pippa-test-boundary-7d3f";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(client.uri("/v1/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static JsonNode ready(ApiClient client, ApiClient.Reply created) throws InterruptedException {
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String location = created.header("Location");
        awaitCondition(() -> !client.get(location).json().get("status").asText().equals("processing"));
        return client.get(location).json();
    }

    private static JsonNode search(ApiClient client, String query, String extra) {
        return client.get("/v1/search?mode=semantic&sources=files&limit=3&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8) + extra).json();
    }

    @Test
    void givenAPdfMarkdownAndText_whenUploaded_thenEachIsProcessedAndFoundByMeaningWithItsNameAndPosition()
            throws Exception {
        JsonNode policy = ready(ada, upload(ada, "refunds.pdf", SamplePdf.saying("Refunds are paid back to your card within"
                + " fourteen days of the return.")));
        JsonNode guide = ready(ada, upload(ada, "garden.md", ("# Tomatoes\n\nYellow lower leaves on tomato plants"
                + " usually mean the soil lacks nitrogen.").getBytes(StandardCharsets.UTF_8)));
        JsonNode notes = ready(ada, upload(ada, "trip.txt", "Our hotel in Lisbon is near the Alfama district."
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(policy.get("status").asText()).isEqualTo("ready");
        assertThat(policy.get("media_type").asText()).isEqualTo("application/pdf");
        assertThat(policy.get("chunks").asInt()).isEqualTo(1);
        assertThat(guide.get("media_type").asText()).isEqualTo("text/markdown");
        assertThat(notes.get("media_type").asText()).isEqualTo("text/plain");
        JsonNode money = search(ada, "When will I get my money back?", "").get("data").get(0);
        assertThat(money.get("source").asText()).isEqualTo("file");
        assertThat(money.get("file").get("name").asText()).isEqualTo("refunds.pdf");
        assertThat(money.get("file").get("position").asInt()).isZero();
        assertThat(money.get("snippet").asText()).contains("fourteen days");
        assertThat(money.get("message").isNull()).isTrue();
        assertThat(search(ada, "my vegetable plants look unhealthy", "").get("data").get(0).get("file")
                .get("id").asText()).isEqualTo(guide.get("id").asText());
        assertThat(search(bob, "When will I get my money back?", "").get("data")).as("not bob's").isEmpty();
        assertProblem(bob.get("/v1/files/" + policy.get("id").asText()), 404, "not_found");
        assertThat(ada.get("/v1/files").json().get("data").findValuesAsText("name"))
                .as("newest first").containsSubsequence("trip.txt", "garden.md", "refunds.pdf");
        assertProblem(ada.get("/v1/search?mode=keyword&sources=files&q=refunds"), 400, "invalid_parameter");
    }

    @Test
    void givenUnreadableOrUnwantedUploads_whenSent_thenRefusedOrFailedSayingWhyAndNeverA500() throws Exception {
        assertProblem(upload(ada, "program.txt", new byte[] {0x7f, 'E', 'L', 'F', 0, 1, (byte) 0xfe}), 415,
                "unsupported_file_type");
        assertProblem(upload(ada, "big.txt", "x".repeat(3 * 1024 * 1024).getBytes(StandardCharsets.UTF_8)), 413,
                "payload_too_large");
        assertProblem(ada.post("/v1/files", "{\"file\":\"not multipart\"}"), 415, "unsupported_media_type");
        JsonNode broken = ready(ada, upload(ada, "broken.pdf", "%PDF-1.7\nnot really".getBytes(StandardCharsets.US_ASCII)));

        assertThat(broken.get("status").asText()).isEqualTo("failed");
        assertThat(broken.get("error").asText()).startsWith("The PDF cannot be read");
    }

    @Test
    void givenAFileAttachedToAConversation_whenDetachedDeletedOrItsAccountErased_thenNothingOfItIsLeft()
            throws Exception {
        ApiClient erin = signedIn(new ApiClient(server.port()), "erin@example.com");
        JsonNode file = ready(erin, upload(erin, "faq.txt", "Passwords can be reset from the sign-in page."
                .getBytes(StandardCharsets.UTF_8)));
        String id = file.get("id").asText();
        String conversation = erin.newConversation("support");
        String other = erin.newConversation("other");

        assertThat(erin.post("/v1/conversations/" + conversation + "/files", "{\"file_id\":\"" + id + "\"}").status())
                .isEqualTo(200);
        assertProblem(bob.post("/v1/conversations/" + conversation + "/files", "{\"file_id\":\"" + id + "\"}"),
                404, "not_found");
        assertThat(erin.get("/v1/conversations/" + conversation + "/files").json().get("data").findValuesAsText("id"))
                .containsExactly(id);
        assertThat(search(erin, "how do I change my password", "&conversation_id=" + conversation).get("data"))
                .hasSize(1);
        assertThat(search(erin, "how do I change my password", "&conversation_id=" + other).get("data"))
                .as("only files attached to that conversation").isEmpty();
        assertThat(erin.delete("/v1/conversations/" + conversation + "/files/" + id).status()).isEqualTo(204);
        assertThat(erin.get("/v1/conversations/" + conversation + "/files").json().get("data")).isEmpty();

        String owner = erin.get("/v1/users/me").json().get("id").asText();
        assertThat(count("SELECT count(*) FROM file_chunk WHERE owner_id = ?", owner)).isEqualTo(1);
        assertThat(erin.delete("/v1/files/" + id).status()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM file_chunk WHERE owner_id = ?", owner)).as("chunks go too").isZero();
        ready(erin, upload(erin, "again.txt", "one more".getBytes(StandardCharsets.UTF_8)));
        assertThat(erin.send(HttpRequest.newBuilder(erin.uri("/v1/users/me")).header("Content-Type",
                "application/json").method("DELETE", HttpRequest.BodyPublishers.ofString(
                "{\"password\":\"correct horse battery\"}"))).status()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM stored_file WHERE owner_id = ?", owner)).isZero();
        assertThat(count("SELECT count(*) FROM file_chunk WHERE owner_id = ?", owner)).isZero();
    }

    @Test
    void givenAFileAttachedToAConversation_whenAReplyIsGenerated_thenItsPassageIsSentAndCited() throws Exception {
        try (ModelStub model = new ModelStub();
             PippaServer chatting = PippaServer.start(HttpApiTest.testSettings(directory.resolve("chat"),
                     chatSettings(model)))) {
            ApiClient api = new ApiClient(chatting.port());
            JsonNode manual = ready(api, upload(api, "warranty.md", ("# Warranty\n\nThe kettle is covered for two"
                    + " years from purchase; keep the receipt.").getBytes(StandardCharsets.UTF_8)));
            ready(api, upload(api, "recipes.txt", "Bake the bread at 220 degrees for thirty minutes."
                    .getBytes(StandardCharsets.UTF_8)));
            String conversation = api.newConversation("support");
            api.post("/v1/conversations/" + conversation + "/files", "{\"file_id\":\"" + manual.get("id").asText() + "\"}");
            model.then(ModelStub.tokens(List.of("Two years [1]."), java.time.Duration.ZERO));

            String id = api.post("/v1/conversations/" + conversation + "/responses",
                    "{\"input\":\"How long is my kettle guaranteed?\",\"stream\":false}").json().get("id").asText();
            JsonNode response = GenerationIT.awaitEnded(api, id);

            assertThat(response.get("status").asText()).isEqualTo("completed");
            String system = model.requests.getFirst().get("messages").get(0).get("content").asText();
            assertThat(system).startsWith("Answer briefly.").contains("[1] warranty.md, part 1:")
                    .contains("covered for two years").as("not attached").doesNotContain("220 degrees");
            JsonNode citation = response.get("context").get("citations").get(0);
            assertThat(citation.get("file_id").asText()).isEqualTo(manual.get("id").asText());
            assertThat(citation.get("position").asInt()).isZero();
        }
    }

    private static Map<String, String> chatSettings(ModelStub model) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("pippa.embeddings", "minilm",
                "pippa.chat.base.url", model.baseUrl(), "pippa.chat.model", "stub",
                "pippa.chat.system.prompt", "Answer briefly.", "pippa.chat.connect.timeout.seconds", "5",
                "pippa.chat.idle.timeout.seconds", "10", "pippa.chat.timeout.seconds", "60"));
        settings.putAll(Map.of("pippa.chat.context.tokens", "4000", "pippa.chat.workers", "4",
                "pippa.chat.max.active.per.user", "4", "pippa.chat.max.active", "16"));
        return settings;
    }

    @Test
    void givenEmbeddingsOff_whenFilesAreUsed_then501NamingTheSetting() {
        try (PippaServer off = PippaServer.start(HttpApiTest.testSettings(directory.resolve("off"), Map.of()))) {
            ApiClient api = new ApiClient(off.port());
            ApiClient.Reply refused = upload(api, "a.txt", "text".getBytes(StandardCharsets.UTF_8));
            assertProblem(refused, 501, "embeddings_not_configured");
            assertThat(refused.body()).contains("PIPPA_EMBEDDINGS");
            assertProblem(api.get("/v1/files"), 501, "embeddings_not_configured");
        }
    }

    private static long count(String sql, String owner) throws SQLException {
        return SqliteRows.number(directory.resolve("files.db"), sql, owner);
    }
}
