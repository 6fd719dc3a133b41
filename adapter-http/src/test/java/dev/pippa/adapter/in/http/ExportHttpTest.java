package dev.pippa.adapter.in.http;

import static dev.pippa.adapter.in.http.EventStreamHttpTest.newConversation;
import static dev.pippa.adapter.in.http.EventStreamHttpTest.post;
import static dev.pippa.adapter.in.http.EventStreamHttpTest.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pippa.application.testing.UseCasesOver;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Export over real HTTP, each format read back by a parser of that format. */
class ExportHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiDocument OPENAPI = new OpenApiDocument();
    /** Every script, quotes, commas, newlines, a CSV-looking line and markup. */
    private static final List<String> TRICKY = List.of("Hello, \"world\"", "第一行\n第二行", "한국어, 日本語, Ελληνικά, עברית",
            "emoji 🚀 and a tab\there", "a,b,c\r\n1,2,3", "<b>not markup</b> # not a heading");

    static TestServer open;

    @BeforeAll
    static void start() {
        open = new TestServer(false, TestServer.defaultLimits());
    }

    @AfterAll
    static void stop() {
        open.close();
    }

    private static String conversationWith(List<String> contents) {
        String conversation = newConversation(open);
        contents.forEach(content -> post(open, conversation, content));
        return conversation;
    }

    private static String body(EventStreamHttpTest.Reply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    @Test
    void givenTrickyContent_whenExportedAsNdjson_thenEachLineIsTheApiObjectInOrder() throws IOException {
        String conversation = conversationWith(TRICKY);

        EventStreamHttpTest.Reply reply = send(open, "GET", "/v1/conversations/" + conversation + "/export", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/x-ndjson");
        assertThat(reply.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + conversation + ".ndjson\"");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body(reply).split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines.getFirst().get("object").asText()).isEqualTo("conversation");
        assertThat(lines.getFirst().get("id").asText()).isEqualTo(conversation);
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.get("content").asText())
                .containsExactlyElementsOf(TRICKY);
        assertThat(lines.subList(1, lines.size())).allMatch(line -> line.get("object").asText().equals("message"));
    }

    @Test
    void givenTrickyContent_whenExportedAsCsv_thenARealCsvParserReadsEveryFieldBack() throws IOException {
        String conversation = conversationWith(TRICKY);

        EventStreamHttpTest.Reply reply = send(open, "GET", "/v1/conversations/" + conversation + "/export?format=csv",
                null);

        assertThat(reply.contentType()).startsWith("text/csv");
        try (CSVParser parser = CSVParser.parse(new StringReader(body(reply)),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames())
                    .containsExactly("conversation_id", "message_id", "role", "created_at", "content");
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).extracting(row -> row.get("content")).containsExactlyElementsOf(TRICKY);
            assertThat(records).allMatch(row -> row.get("conversation_id").equals(conversation)
                    && row.get("role").equals("user"));
        }
    }

    @Test
    void givenAConversation_whenExportedAsJsonAndMarkdown_thenOneDocumentAndReadableText() throws IOException {
        String conversation = conversationWith(TRICKY);

        JsonNode document = JSON.readTree(send(open, "GET",
                "/v1/conversations/" + conversation + "/export?format=json", null).body());
        EventStreamHttpTest.Reply markdown = send(open, "GET",
                "/v1/conversations/" + conversation + "/export?format=markdown", null);

        JsonNode exported = document.get("conversations").get(0);
        assertThat(exported.get("conversation").get("id").asText()).isEqualTo(conversation);
        assertThat(exported.get("messages").findValuesAsText("content")).containsExactlyElementsOf(TRICKY);
        assertThat(markdown.contentType()).startsWith("text/markdown");
        assertThat(body(markdown)).startsWith("# live\n").contains(TRICKY).contains("**user**");
    }

    @Test
    void givenMoreMessagesThanAPage_whenExported_thenEveryOneOnceInOrder() throws IOException {
        String conversation = newConversation(open);
        UseCasesOver useCases = new UseCasesOver(open.conversations);
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            contents.add("message " + i);
            useCases.appendMessage(new OwnerId("tester"), new ConversationId(conversation),
                    new NewMessage(Role.USER, "message " + i, null));
        }

        String[] lines = body(send(open, "GET", "/v1/conversations/" + conversation + "/export", null)).split("\n");

        List<String> exported = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            exported.add(JSON.readTree(lines[i]).get("content").asText());
        }
        assertThat(exported).containsExactlyElementsOf(contents);
    }

    @Test
    void givenSeveralConversations_whenTheAccountIsExported_thenEachIsFollowedByItsMessages() throws IOException {
        TestServer fresh = new TestServer(false, TestServer.defaultLimits());
        try (fresh) {
            String first = newConversation(fresh);
            post(fresh, first, "one");
            String second = newConversation(fresh);
            post(fresh, second, "two");
            post(fresh, first, "three"); // now the most recently active

            EventStreamHttpTest.Reply reply = send(fresh, "GET", "/v1/export", null);

            assertThat(reply.header("Content-Disposition")).matches("attachment; filename=\"pippa-export-.*\\.ndjson\"");
            List<String> summary = new ArrayList<>();
            for (String line : body(reply).split("\n")) {
                JsonNode node = JSON.readTree(line);
                summary.add(node.get("object").asText().equals("conversation") ? node.get("id").asText()
                        : node.get("content").asText());
            }
            assertThat(summary).containsExactly(second, "two", first, "one", "three");
        }
    }

    @Test
    void givenBadAsks_whenExporting_thenProblemsNamingWhatWasWrong() {
        EventStreamHttpTest.Reply unknown = send(open, "GET", "/v1/conversations/conv_01J00000000000000000000000/export",
                null);
        EventStreamHttpTest.Reply badFormat = send(open, "GET",
                "/v1/conversations/" + newConversation(open) + "/export?format=pdf", null);
        EventStreamHttpTest.Reply wholeAccountAsCsv = send(open, "GET", "/v1/export?format=csv", null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(badFormat.json().get("errors").findValuesAsText("field")).containsExactly("format");
        assertThat(wholeAccountAsCsv.status()).isEqualTo(400);
        OPENAPI.assertConforms("GET", "/v1/conversations/{conversation_id}/export", unknown.status(),
                unknown.contentType(), unknown.body());
        OPENAPI.assertConforms("GET", "/v1/export", wholeAccountAsCsv.status(), wholeAccountAsCsv.contentType(),
                wholeAccountAsCsv.body());
    }
}
