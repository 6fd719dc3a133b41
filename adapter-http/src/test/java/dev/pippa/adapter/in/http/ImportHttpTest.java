package dev.pippa.adapter.in.http;

import static dev.pippa.adapter.in.http.EventStreamHttpTest.newConversation;
import static dev.pippa.adapter.in.http.EventStreamHttpTest.post;
import static dev.pippa.adapter.in.http.EventStreamHttpTest.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Import over real HTTP: Pippa's NDJSON round trip, a ChatGPT export, repeats, bad lines and refusals. */
class ImportHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiDocument OPENAPI = new OpenApiDocument();

    private static EventStreamHttpTest.Reply upload(TestServer server, String contentType, String body) {
        EventStreamHttpTest.Reply reply = EventStreamHttpTest.sendRaw(server, "POST", "/v1/import", contentType,
                body.getBytes(StandardCharsets.UTF_8));
        OPENAPI.assertConforms("POST", "/v1/import", reply.status(), reply.contentType(), reply.body());
        return reply;
    }

    private static String export(TestServer server) {
        return new String(send(server, "GET", "/v1/export", null).body(), StandardCharsets.UTF_8);
    }

    /** The export with what must change on import taken out: ids. */
    private static List<JsonNode> withoutIds(String ndjson) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            node.remove(List.of("id", "conversation_id"));
            lines.add(node);
        }
        return lines;
    }

    @Test
    void givenAnExport_whenImportedIntoAFreshServerAndExportedAgain_thenEverythingButTheIdsIsTheSame() throws Exception {
        String exported;
        try (TestServer first = new TestServer(false, TestServer.defaultLimits())) {
            String trip = newConversation(first);
            post(first, trip, "Hello, \"world\"\nsecond line, 北京 🚀");
            post(first, trip, "reply");
            send(first, "PATCH", "/v1/conversations/" + trip, "{\"archived\":true,\"pinned\":true}");
            String edited = post(first, newConversation(first), "frist");
            exported = export(first);
            String conversationOfEdited = JSON.readTree(exported.split("\n")[4]).get("conversation_id").asText();
            send(first, "PATCH", "/v1/conversations/" + conversationOfEdited + "/messages/" + edited,
                    "{\"content\":\"first\",\"metadata\":{\"fixed\":\"1\"}}");
            exported = export(first);
        }
        try (TestServer second = new TestServer(false, TestServer.defaultLimits())) {
            EventStreamHttpTest.Reply report = upload(second, "application/x-ndjson", exported);

            assertThat(report.status()).isEqualTo(200);
            assertThat(report.json().get("conversations").asInt()).isEqualTo(2);
            assertThat(report.json().get("messages").asInt()).isEqualTo(3);
            assertThat(report.json().get("errors")).isEmpty();
            assertThat(withoutIds(export(second))).isEqualTo(withoutIds(exported));
            assertThat(exported).contains("\"archived\":true,\"pinned\":true");

            EventStreamHttpTest.Reply again = upload(second, "application/x-ndjson", exported);
            assertThat(again.json().get("conversations").asInt()).as("the same file again creates nothing").isZero();
            assertThat(again.json().get("already_imported").asInt()).isEqualTo(2);
            assertThat(export(second).split("\n")).hasSize(5);
        }
    }

    @Test
    void givenACorruptLineInTheMiddle_whenImported_thenItsConversationIsReportedAtThatLineAndTheRestImported() {
        String file = String.join("\n",
                "{\"object\":\"conversation\",\"id\":\"conv_a\",\"title\":\"fine\",\"created_at\":\"2024-01-01T00:00:00Z\"}",
                "{\"object\":\"message\",\"role\":\"user\",\"content\":\"one\",\"created_at\":\"2024-01-01T00:00:01Z\"}",
                "{\"object\":\"conversation\",\"id\":\"conv_b\",\"title\":\"broken\",\"created_at\":\"2024-01-02T00:00:00Z\"}",
                "{\"object\":\"message\",\"role\":\"user\",\"content\":\"two\"",
                "{\"object\":\"message\",\"role\":\"user\",\"content\":\"three\",\"created_at\":\"2024-01-02T00:00:01Z\"}",
                "{\"object\":\"conversation\",\"id\":\"conv_c\",\"title\":\"also fine\",\"created_at\":\"2024-01-03T00:00:00Z\"}",
                "{\"object\":\"message\",\"role\":\"wizard\",\"content\":\"four\",\"created_at\":\"2024-01-03T00:00:01Z\"}");
        try (TestServer server = new TestServer(false, TestServer.defaultLimits())) {
            JsonNode report = upload(server, "application/x-ndjson", file).json();

            assertThat(report.get("conversations").asInt()).isEqualTo(1);
            assertThat(report.get("errors").findValuesAsText("line")).containsExactly("4", "7");
            assertThat(report.get("errors").get(1).get("message").asText()).contains("role");
            JsonNode listed = send(server, "GET", "/v1/conversations", null).json().get("data");
            assertThat(listed.findValuesAsText("title")).containsExactly("fine");
            assertThat(listed.get(0).get("created_at").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
        }
    }

    @Test
    void givenAChatGptExport_whenImported_thenTheCurrentBranchInOrderWithRolesAndTimesAndSkippedPartsCounted()
            throws IOException {
        String export = new String(ImportHttpTest.class.getResourceAsStream("/chatgpt-conversations.json")
                .readAllBytes(), StandardCharsets.UTF_8);
        try (TestServer server = new TestServer(false, TestServer.defaultLimits())) {
            EventStreamHttpTest.Reply reply = upload(server, "application/json", export);
            JsonNode report = reply.json();

            assertThat(reply.status()).as(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(report.get("conversations").asInt()).isEqualTo(2);
            assertThat(report.get("skipped").asInt()).as("one image part").isEqualTo(1);
            JsonNode trip = send(server, "GET", "/v1/conversations", null).json().get("data").findParents("title")
                    .stream().filter(conversation -> conversation.get("title").asText().equals("Trip to Lisbon"))
                    .findFirst().orElseThrow();
            JsonNode messages = send(server, "GET", "/v1/conversations/" + trip.get("id").asText()
                    + "/messages", null).json().get("data");
            assertThat(messages.findValuesAsText("content")).containsExactly("You are a travel helper.",
                    "Where should I go in May?", "Lisbon: warm, not yet crowded.", "And for food?",
                    "Try the pastéis de nata.");
            assertThat(messages.findValuesAsText("role")).containsExactly("system", "user", "assistant", "user",
                    "assistant");
            assertThat(messages.get(1).get("created_at").asText()).isEqualTo("2024-05-01T10:00:10.000Z");
            assertThat(send(server, "GET", "/v1/conversations?archived=true", null).json().get("data")
                    .findValuesAsText("title")).as("is_archived is kept").containsExactly("Hello");
            EventStreamHttpTest.Reply again = upload(server, "application/json", export);
            assertThat(again.json().get("already_imported")).as(new String(again.body(), StandardCharsets.UTF_8))
                    .isNotNull();
            assertThat(again.json().get("already_imported").asInt()).isEqualTo(2);
        }
    }

    @Test
    void givenTheWrongTypeOrTooMuch_whenImported_thenARefusalThatSaysWhat() {
        try (TestServer server = new TestServer(false, TestServer.defaultLimits())) {
            EventStreamHttpTest.Reply wrongType = upload(server, "text/plain", "hello");
            EventStreamHttpTest.Reply notAList = upload(server, "application/json", "{\"title\":\"x\"}");
            EventStreamHttpTest.Reply tooLarge = upload(server, "application/x-ndjson",
                    "x".repeat((int) TestServer.IMPORT_MAX_BYTES + 1));

            assertThat(wrongType.status()).isEqualTo(415);
            assertThat(notAList.status()).isEqualTo(400);
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.json().get("detail").asText()).contains("PIPPA_IMPORT_MAX_MB");
        }
    }
}
