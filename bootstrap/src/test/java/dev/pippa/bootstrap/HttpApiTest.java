package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The v1 contract over a real port, on the production server wiring and a real SQLite file. */
class HttpApiTest {

    @TempDir
    static Path directory;

    static PippaServer server;
    static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = PippaServer.start(testSettings(directory, Map.of("pippa.cors.origins", "https://chat.example")));
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    static Settings testSettings(Path directory, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "pippa.db.path", directory.resolve("api.db").toString(),
                "pippa.db.synchronous", "NORMAL",
                "pippa.db.readers", "2",
                "pippa.db.queue", "1000",
                "pippa.owner", "tester",
                "pippa.access.log", "false",
                "pippa.shutdown.seconds", "5"));
        values.putAll(Map.of("pippa.auth", "none", "pippa.rate.limit", "false", "pippa.db.max.size.mb", "0",
                "pippa.max.concurrent.requests", "64", "pippa.request.queue", "256"));
        values.putAll(Map.of("pippa.jobs.workers", "2", "pippa.jobs.attempts", "3", "pippa.summary.every", "5",
                "pippa.summarizer", "extractive", "pippa.body.idle.seconds", "5", "pippa.body.timeout.seconds", "30"));
        values.putAll(Map.of("pippa.events.streams.per.user", "8", "pippa.events.streams.max", "100",
                "pippa.events.buffer", "64", "pippa.events.heartbeat.seconds", "15",
                "pippa.events.retention.hours", "24", "pippa.events.max.frame.kb", "64", "pippa.import.max.mb", "16",
                "pippa.retention.days", "0"));
        values.putAll(Map.of("pippa.embeddings", "off", "pippa.embeddings.cache.mb", "64",
                "pippa.embeddings.pooling", "mean", "pippa.files.max.mb", "2"));
        values.putAll(overrides);
        return Settings.from(values::get);
    }

    // ---- conversations ------------------------------------------------------------------------

    @Test
    void givenAValidBody_whenCreatingAConversation_then201WithLocationEtagAndTheConversation() {
        ApiClient.Reply reply = api.post("/v1/conversations", "{\"title\":\"Trip\",\"metadata\":{\"k\":\"v\"}}");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode body = reply.json();
        assertThat(body.get("id").asText()).startsWith("conv_");
        assertThat(body.get("object").asText()).isEqualTo("conversation");
        assertThat(body.get("title").asText()).isEqualTo("Trip");
        assertThat(body.get("metadata").get("k").asText()).isEqualTo("v");
        assertThat(body.get("message_count").asInt()).isZero();
        assertThat(body.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(reply.header("Location")).isEqualTo("/v1/conversations/" + body.get("id").asText());
        assertThat(reply.header("ETag")).isEqualTo("\"1\"");
        assertThat(reply.header("Content-Type")).startsWith("application/json");

        ApiClient.Reply fetched = api.get(reply.header("Location"));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(body);
    }

    @Test
    void givenAnEmptyBody_whenCreatingAConversation_thenTitleIsNullAndMetadataEmpty() {
        JsonNode body = api.post("/v1/conversations", "{}").json();

        assertThat(body.get("title").isNull()).isTrue();
        assertThat(body.get("metadata").size()).isZero();
    }

    @Test
    void givenUnknownFields_whenCreating_thenTheyAreIgnored() {
        ApiClient.Reply reply = api.post("/v1/conversations", "{\"title\":\"x\",\"colour\":\"blue\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().has("colour")).isFalse();
    }

    @Test
    void givenConversations_whenListedWithCursors_thenPagesCoverAllMostRecentFirst() {
        ApiClient other = api;
        List<String> created = new ArrayList<>();
        String owner = "list-" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            created.add(other.newConversation(owner + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/v1/conversations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            assertThat(page.get("object").asText()).isEqualTo("list");
            page.get("data").forEach(c -> seen.add(c.get("id").asText()));
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
            if (cursor == null) {
                assertThat(page.get("next_cursor").isNull()).isTrue();
            }
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates().containsAll(created);
        assertThat(seen.subList(0, 5)).containsExactlyElementsOf(created.reversed());
    }

    @Test
    void givenAnEtag_whenPatchingWithIfMatch_thenMatchingSucceedsAndStaleGets412() {
        ApiClient.Reply created = api.post("/v1/conversations", "{\"title\":\"old\",\"metadata\":{\"a\":\"1\"}}");
        String location = created.header("Location");

        ApiClient.Reply patched = api.patch(location, "{\"title\":\"new\"}", "If-Match", created.header("ETag"));
        ApiClient.Reply stale = api.patch(location, "{\"title\":\"lost\"}", "If-Match", created.header("ETag"));
        ApiClient.Reply cleared = api.patch(location, "{\"title\":null,\"metadata\":{\"b\":\"2\"}}");

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("title").asText()).isEqualTo("new");
        assertThat(patched.json().get("metadata").get("a").asText()).isEqualTo("1");
        assertThat(patched.header("ETag")).isEqualTo("\"2\"");
        assertProblem(stale, 412, "precondition_failed");
        assertThat(cleared.json().get("title").isNull()).isTrue();
        assertThat(cleared.json().get("metadata").toString()).isEqualTo("{\"b\":\"2\"}");
    }

    @Test
    void givenAConversationWithMessages_whenDeleted_then204AndItAndItsMessagesAreGone() {
        String id = api.newConversation("doomed");
        String messageId = api.postMessage(id, "bye");

        assertThat(api.delete("/v1/conversations/" + id).status()).isEqualTo(204);

        assertProblem(api.get("/v1/conversations/" + id), 404, "not_found");
        assertProblem(api.get("/v1/conversations/" + id + "/messages"), 404, "not_found");
        assertProblem(api.get("/v1/conversations/" + id + "/messages/" + messageId), 404, "not_found");
        assertProblem(api.delete("/v1/conversations/" + id), 404, "not_found");
    }

    // ---- messages ---------------------------------------------------------------------------------

    @Test
    void givenAMessage_whenPosted_then201AndItIsReadableAndCounted() {
        String id = api.newConversation("chat");
        ApiClient.Reply posted = api.post("/v1/conversations/" + id + "/messages",
                "{\"role\":\"assistant\",\"content\":\"안녕하세요 👋\",\"metadata\":{\"model\":\"m1\"}}");

        assertThat(posted.status()).isEqualTo(201);
        JsonNode message = posted.json();
        assertThat(message.get("object").asText()).isEqualTo("message");
        assertThat(message.get("conversation_id").asText()).isEqualTo(id);
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        assertThat(message.get("content").asText()).isEqualTo("안녕하세요 👋");
        assertThat(posted.header("Location")).isEqualTo("/v1/conversations/" + id + "/messages/" + message.get("id").asText());
        assertThat(api.get(posted.header("Location")).json()).isEqualTo(message);
        assertThat(api.get("/v1/conversations/" + id).json().get("message_count").asInt()).isEqualTo(1);
    }

    @Test
    void givenMessages_whenListed_thenAscIsDefaultDescReversesAndCursorsPage() {
        String id = api.newConversation("paging");
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            posted.add(api.postMessage(id, "m" + i));
        }

        List<String> asc = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/v1/conversations/" + id + "/messages?limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("data").forEach(m -> asc.add(m.get("id").asText()));
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        List<String> desc = new ArrayList<>();
        api.get("/v1/conversations/" + id + "/messages?order=desc&limit=100").json().get("data")
                .forEach(m -> desc.add(m.get("id").asText()));

        assertThat(asc).containsExactlyElementsOf(posted);
        assertThat(desc).containsExactlyElementsOf(posted.reversed());
    }

    @Test
    void givenAnIdempotencyKey_whenTheSamePostIsRetried_thenItIsStoredOnceAndAnotherBodyGets422() {
        String id = api.newConversation("idempotent");
        String path = "/v1/conversations/" + id + "/messages";
        String body = "{\"role\":\"user\",\"content\":\"once\"}";

        ApiClient.Reply first = api.post(path, body, "Idempotency-Key", "k-123");
        ApiClient.Reply retry = api.post(path, body, "Idempotency-Key", "k-123");
        ApiClient.Reply reused = api.post(path, "{\"role\":\"user\",\"content\":\"twice\"}", "Idempotency-Key", "k-123");
        ApiClient.Reply createdOnce = api.post("/v1/conversations", "{\"title\":\"t\"}", "Idempotency-Key", "c-1");
        ApiClient.Reply createdAgain = api.post("/v1/conversations", "{\"title\":\"t\"}", "Idempotency-Key", "c-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        assertProblem(reused, 422, "validation_failed");
        assertThat(reused.json().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(api.get("/v1/conversations/" + id).json().get("message_count").asInt()).isEqualTo(1);
        assertThat(createdAgain.json().get("id")).isEqualTo(createdOnce.json().get("id"));
        assertProblem(api.post(path, body, "Idempotency-Key", "x".repeat(300)), 400, "invalid_header");
    }

    // ---- bad input -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON          | {\"role\":                                  | 400 | malformed_json    |",
            "trailing garbage        | {\"role\":\"user\"} x                          | 400 | malformed_json    |",
            "duplicate keys          | {\"role\":\"user\",\"role\":\"tool\",\"content\":\"x\"} | 400 | malformed_json |",
            "array body              | [1,2]                                       | 422 | validation_failed | body",
            "missing role            | {\"content\":\"x\"}                           | 422 | validation_failed | role",
            "missing content         | {\"role\":\"user\"}                           | 422 | validation_failed | content",
            "empty content           | {\"role\":\"user\",\"content\":\"\"}            | 422 | validation_failed | content",
            "unknown role            | {\"role\":\"robot\",\"content\":\"x\"}          | 422 | validation_failed | role",
            "content is a number     | {\"role\":\"user\",\"content\":42}             | 422 | validation_failed | content",
            "role is an object       | {\"role\":{},\"content\":\"x\"}                | 422 | validation_failed | role",
            "metadata is an array    | {\"role\":\"user\",\"content\":\"x\",\"metadata\":[]} | 422 | validation_failed | metadata",
            "metadata value number   | {\"role\":\"user\",\"content\":\"x\",\"metadata\":{\"a\":1}} | 422 | validation_failed | metadata.a",
    })
    void givenABadMessageBody_whenPosted_thenAProblemNamesWhatIsWrongAndNothingIsStored(
            String name, String body, int status, String code, String field) {
        String id = api.newConversation("bad input");

        ApiClient.Reply reply = api.post("/v1/conversations/" + id + "/messages", body);

        assertProblem(reply, status, code);
        if (field != null) {
            assertThat(reply.json().get("errors").findValuesAsText("field")).contains(field);
        }
        assertThat(api.get("/v1/conversations/" + id).json().get("message_count").asInt()).isZero();
    }

    @Test
    void givenValuesPastTheirLimits_whenPosted_thenEachOffendingFieldIsNamed() {
        String longTitle = "t".repeat(257);
        StringBuilder metadata = new StringBuilder("{");
        for (int i = 0; i < 17; i++) {
            metadata.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        metadata.append('}');

        ApiClient.Reply reply = api.post("/v1/conversations",
                "{\"title\":\"" + longTitle + "\",\"metadata\":" + metadata + "}");
        ApiClient.Reply longValue = api.post("/v1/conversations",
                "{\"metadata\":{\"" + "k".repeat(65) + "\":\"" + "v".repeat(513) + "\"}}");

        assertProblem(reply, 422, "validation_failed");
        assertThat(reply.json().get("errors").findValuesAsText("field")).containsExactly("metadata", "title");
        assertThat(reply.body()).contains("at most 256 characters");
        assertProblem(longValue, 422, "validation_failed");
        assertThat(longValue.json().get("errors").findValuesAsText("field")).contains("metadata");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "limit=abc | limit", "limit=0 | limit", "limit=101 | limit", "limit=-5 | limit",
            "limit=99999999999 | limit", "order=sideways | order", "cursor=tampered | cursor",
            "limit=5&limit=6 | limit"})
    void givenABadQueryParameter_whenListing_then400NamingIt(String query, String parameter) {
        String id = api.newConversation("query");

        for (String path : List.of("/v1/conversations?" + query, "/v1/conversations/" + id + "/messages?" + query)) {
            ApiClient.Reply reply = api.get(path);
            assertProblem(reply, 400, "invalid_parameter");
            assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo(parameter);
        }
    }

    @Test
    void givenACursorFromAnotherConversation_whenUsed_then400() {
        String first = api.newConversation("one");
        String second = api.newConversation("two");
        api.postMessage(first, "a");
        api.postMessage(first, "b");
        String cursor = api.get("/v1/conversations/" + first + "/messages?limit=1").json().get("next_cursor").asText();

        assertProblem(api.get("/v1/conversations/" + second + "/messages?cursor=" + cursor), 400, "invalid_parameter");
    }

    @Test
    void givenUnknownOrMalformedIds_whenRequested_then404Problems() {
        assertProblem(api.get("/v1/conversations/conv_01JZZZZZZZZZZZZZZZZZZZZZZZ"), 404, "not_found");
        assertProblem(api.get("/v1/conversations/not-an-id"), 404, "not_found");
        assertProblem(api.get("/v1/conversations/..%2F..%2Fetc%2Fpasswd"), 404, null);
        String id = api.newConversation("x");
        assertProblem(api.get("/v1/conversations/" + id + "/messages/msg_nope"), 404, "not_found");
        assertProblem(api.post("/v1/conversations/conv_01JZZZZZZZZZZZZZZZZZZZZZZZ/messages",
                "{\"role\":\"user\",\"content\":\"x\"}"), 404, "not_found");
        assertProblem(api.get("/v2/nothing"), 404, "route_not_found");
    }

    @Test
    void givenAWrongContentType_whenPosting_then415() {
        ApiClient.Reply reply = api.send(HttpRequest.newBuilder(api.uri("/v1/conversations"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertProblem(reply, 415, "unsupported_media_type");
    }

    @Test
    void givenABodyOverOneMebibyte_whenPosting_then413() {
        String id = api.newConversation("big");
        String huge = "{\"role\":\"user\",\"content\":\"" + "x".repeat(1024 * 1024) + "\"}";

        assertProblem(api.post("/v1/conversations/" + id + "/messages", huge), 413, "payload_too_large");
        assertThat(api.get("/v1/conversations/" + id).status()).isEqualTo(200);
    }

    @Test
    void givenDeeplyNestedJson_whenPosted_then400NotACrash() {
        String nested = "[".repeat(10_000) + "]".repeat(10_000);

        assertProblem(api.post("/v1/conversations", nested), 400, "malformed_json");
        assertThat(api.get("/observe/health").status()).isEqualTo(200);
    }

    // ---- operations ------------------------------------------------------------------------------------

    @Test
    void givenAnyRequest_whenAnswered_thenItCarriesRequestIdAndProcessTime() {
        ApiClient.Reply echoed = api.get("/v1/conversations", "X-Request-Id", "trace-abc-1");
        ApiClient.Reply generated = api.get("/v1/conversations");

        assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-abc-1");
        assertThat(generated.header("X-Request-Id")).isNotBlank();
        assertThat(Double.parseDouble(echoed.header("X-Process-Time"))).isGreaterThanOrEqualTo(0);
    }

    @Test
    void givenTheObserveEndpoints_whenRead_thenHealthChecksTheDatabaseAndMetricsCountRoutes() {
        api.get("/v1/conversations");
        ApiClient.Reply health = api.get("/observe/health");
        ApiClient.Reply metrics = api.get("/observe/metrics", "Accept", "text/plain");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("checks").get(0).get("name").asText()).isEqualTo("database");
        assertThat(health.json().get("checks").get(0).get("status").asText()).isEqualTo("UP");
        assertThat(metrics.body()).contains("pippa_http_requests_seconds_bucket")
                .contains("route=\"/v1/conversations\"");
    }

    @Test
    void givenALargeListAndAGzipClient_whenListed_thenTheBodyIsGzipped() throws IOException {
        String id = api.newConversation("gzip");
        for (int i = 0; i < 20; i++) {
            api.postMessage(id, "a message long enough to make the page worth compressing " + i);
        }

        ApiClient.Reply zipped = api.get("/v1/conversations/" + id + "/messages?limit=100", "Accept-Encoding", "gzip");
        ApiClient.Reply plain = api.get("/v1/conversations/" + id + "/messages?limit=100");

        assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(plain.header("Content-Encoding")).isNull();
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.raw())).readAllBytes();
        assertThat(ApiClient.JSON.readTree(unzipped)).isEqualTo(plain.json());
    }

    @Test
    void givenAConfiguredOrigin_whenABrowserPreflights_thenOnlyThatOriginIsAllowed() {
        ApiClient.Reply allowed = api.send(HttpRequest.newBuilder(api.uri("/v1/conversations"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
                "Origin", "https://chat.example", "Access-Control-Request-Method", "POST");
        ApiClient.Reply refused = api.send(HttpRequest.newBuilder(api.uri("/v1/conversations"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()),
                "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");

        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://chat.example");
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void givenTheDocs_whenFetched_thenOpenApiAndSwaggerUiAreServedFromTheJar() {
        ApiClient.Reply openapi = api.get("/openapi");
        ApiClient.Reply docs = api.get("/docs");
        ApiClient.Reply bundle = api.get("/docs/assets/swagger-ui-bundle.js");

        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).startsWith("openapi: 3.1.0");
        assertThat(docs.body()).contains("SwaggerUIBundle").contains("/openapi");
        assertThat(bundle.status()).isEqualTo(200);
    }

    @Test
    void givenTheServerIsDraining_whenARequestArrives_then503WithRetryAfter() throws Exception {
        PippaServer draining = PippaServer.start(testSettings(directory.resolve("drain"), Map.of()));
        try {
            ApiClient client = new ApiClient(draining.port());
            assertThat(client.get("/v1/conversations").status()).isEqualTo(200);

            assertThat(draining.inFlight().drain(Duration.ofSeconds(60))).isTrue();

            ApiClient.Reply refused = client.get("/v1/conversations");
            assertProblem(refused, 503, "shutting_down");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
        } finally {
            draining.stop();
        }
    }

    /** Every error is RFC 9457 problem+json with Pippa's code, and never a stack trace. */
    static void assertProblem(ApiClient.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        for (String field : List.of("type", "title", "detail", "instance", "code")) {
            assertThat(problem.hasNonNull(field)).as(field).isTrue();
        }
        if (code != null) {
            assertThat(problem.get("code").asText()).isEqualTo(code);
        }
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
