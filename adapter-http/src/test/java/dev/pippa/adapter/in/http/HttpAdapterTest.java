package dev.pippa.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Summary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The v1 routes tested where they live: statuses, headers and error bodies, and every JSON body checked
 * against the schema docs/openapi.yaml gives for that operation and status.
 */
class HttpAdapterTest {

    private static final OpenApiDocument OPENAPI = new OpenApiDocument();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    static TestServer open;
    static TestServer withLogin;

    @BeforeAll
    static void start() {
        open = new TestServer(false, TestServer.defaultLimits());
        withLogin = new TestServer(true, TestServer.defaultLimits());
    }

    @AfterAll
    static void stop() {
        open.close();
        withLogin.close();
    }

    record Reply(int status, HttpResponse<byte[]> response) {
        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** Sends a request and checks its answer against the document's entry for {@code method template}. */
    private static Reply call(TestServer server, String method, String template, String path, String body,
                              String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return exchange(request.build(), method, template);
    }

    private static Reply exchange(HttpRequest request, String method, String template) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            OPENAPI.assertConforms(method, template, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final String CONVERSATIONS = "/v1/conversations";
    private static final String CONVERSATION = "/v1/conversations/{conversation_id}";
    private static final String MESSAGES = "/v1/conversations/{conversation_id}/messages";

    @Test
    void givenAConversationsLife_whenEachRouteIsCalled_thenEveryAnswerIsTheDocumentedOne() {
        Reply created = call(open, "POST", CONVERSATIONS, CONVERSATIONS, "{\"title\":\"Trip\",\"metadata\":{\"k\":\"v\"}}");
        String id = created.json().get("id").asText();
        String path = CONVERSATIONS + "/" + id;
        Reply fetched = call(open, "GET", CONVERSATION, path, null);
        Reply listed = call(open, "GET", CONVERSATIONS, CONVERSATIONS + "?limit=1", null);
        Reply patched = call(open, "PATCH", CONVERSATION, path, "{\"title\":\"Lisbon\"}", "If-Match", created.header("ETag"));
        Reply stale = call(open, "PATCH", CONVERSATION, path, "{\"title\":\"x\"}", "If-Match", created.header("ETag"));
        Reply posted = call(open, "POST", MESSAGES, path + "/messages", "{\"role\":\"user\",\"content\":\"Hi\"}");
        String messageId = posted.json().get("id").asText();
        Reply page = call(open, "GET", MESSAGES, path + "/messages?order=desc", null);
        Reply message = call(open, "GET", MESSAGES + "/{message_id}", path + "/messages/" + messageId, null);
        Reply deleted = call(open, "DELETE", CONVERSATION, path, null);
        Reply gone = call(open, "GET", CONVERSATION, path, null);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(path);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("ETag")).isEqualTo(created.header("ETag"));
        assertThat(listed.json().get("data")).hasSize(1);
        assertThat(patched.json().get("title").asText()).isEqualTo("Lisbon");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("code").asText()).isEqualTo("precondition_failed");
        assertThat(posted.status()).isEqualTo(201);
        assertThat(page.json().get("data").get(0).get("id").asText()).isEqualTo(messageId);
        assertThat(message.json().get("content").asText()).isEqualTo("Hi");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(gone.status()).isEqualTo(404);
    }

    @Test
    void givenAPageThatContinues_whenItsCursorIsPassedBack_thenTheNextPageAndTheCursorIsSealed() {
        String id = call(open, "POST", CONVERSATIONS, CONVERSATIONS, "{}").json().get("id").asText();
        for (int i = 0; i < 3; i++) {
            call(open, "POST", MESSAGES, CONVERSATIONS + "/" + id + "/messages", "{\"role\":\"user\",\"content\":\"m" + i + "\"}");
        }
        Reply first = call(open, "GET", MESSAGES, CONVERSATIONS + "/" + id + "/messages?limit=2", null);
        String cursor = first.json().get("next_cursor").asText();
        Reply second = call(open, "GET", MESSAGES, CONVERSATIONS + "/" + id + "/messages?limit=2&cursor=" + cursor, null);
        Reply unsealed = call(open, "GET", MESSAGES,
                CONVERSATIONS + "/" + id + "/messages?limit=2&cursor=" + cursor.substring(0, cursor.lastIndexOf('.')), null);

        assertThat(first.json().get("has_more").asBoolean()).isTrue();
        assertThat(second.json().get("data")).hasSize(1);
        assertThat(second.json().get("data").get(0).get("content").asText()).isEqualTo("m2");
        assertThat(unsealed.status()).isEqualTo(400);
        assertThat(unsealed.json().get("errors").get(0).get("field").asText()).isEqualTo("cursor");
    }

    @Test
    void givenSearchAndSummaries_whenCalled_thenTheirDocumentedShapes() {
        String id = call(open, "POST", CONVERSATIONS, CONVERSATIONS, "{}").json().get("id").asText();
        String messageId = call(open, "POST", MESSAGES, CONVERSATIONS + "/" + id + "/messages",
                "{\"role\":\"user\",\"content\":\"umbrella weather\"}").json().get("id").asText();
        open.search.add(open.conversations.findMessage(new OwnerId("tester"), new ConversationId(id),
                new MessageId(messageId)).orElseThrow());
        Reply pending = call(open, "GET", "/v1/conversations/{conversation_id}/summary",
                CONVERSATIONS + "/" + id + "/summary", null);
        open.summaries.saveSummary(new OwnerId("tester"), new Summary(new ConversationId(id), "About umbrellas.",
                new MessageId(messageId), 1, Instant.now()), null);
        Reply ready = call(open, "GET", "/v1/conversations/{conversation_id}/summary",
                CONVERSATIONS + "/" + id + "/summary", null);
        Reply found = call(open, "GET", "/v1/search", "/v1/search?q=umbrella&role=user", null);
        Reply missingQ = call(open, "GET", "/v1/search", "/v1/search", null);

        assertThat(pending.json().get("status").asText()).isEqualTo("pending");
        assertThat(ready.json().get("summary").asText()).isEqualTo("About umbrellas.");
        assertThat(found.json().get("data").get(0).get("message").get("id").asText()).isEqualTo(messageId);
        assertThat(missingQ.status()).isEqualTo(400);
    }

    @Test
    void givenBadRequests_whenSent_thenEachGetsItsDocumentedProblem() {
        Reply malformed = call(open, "POST", CONVERSATIONS, CONVERSATIONS, "{\"title\":");
        Reply invalid = call(open, "POST", CONVERSATIONS, CONVERSATIONS, "{\"title\":5}");
        Reply unknownParameter = call(open, "GET", CONVERSATIONS, CONVERSATIONS + "?limt=5", null);
        Reply badLimit = call(open, "GET", CONVERSATIONS, CONVERSATIONS + "?limit=0", null);
        Reply wrongType = call(open, "POST", CONVERSATIONS, CONVERSATIONS, "{}", "Content-Type", "text/plain");
        Reply tooLarge = call(open, "POST", CONVERSATIONS, CONVERSATIONS,
                "{\"title\":\"" + "x".repeat(RequestBodies.MAX_BODY_BYTES) + "\"}");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("malformed_json");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(unknownParameter.json().get("errors").get(0).get("field").asText()).isEqualTo("limt");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(tooLarge.status()).isEqualTo(413);
    }

    @Test
    void givenAnUnknownRole_whenPosting_then422WithTheDomainsOwnWordsEvenForTemplateCharacters() {
        String id = call(open, "POST", CONVERSATIONS, CONVERSATIONS, "{}").json().get("id").asText();
        Reply robot = call(open, "POST", MESSAGES, CONVERSATIONS + "/" + id + "/messages",
                "{\"role\":\"robot\",\"content\":\"beep\"}");
        Reply template = call(open, "POST", MESSAGES, CONVERSATIONS + "/" + id + "/messages",
                "{\"role\":\"{max} ${x} \\\\\",\"content\":\"beep\"}");

        assertThat(robot.status()).isEqualTo(422);
        assertThat(robot.json().get("errors").get(0).get("message").asText())
                .isEqualTo("must be one of system, user, assistant, tool, got 'robot'");
        assertThat(template.json().get("errors").get(0).get("message").asText()).endsWith("got '{max} ${x} \\'");
    }

    @Test
    void givenLoginOn_whenRegisteringLoggingInAndCalling_thenTheDocumentedAnswersAndOAuthErrorMembers() {
        Reply registered = call(withLogin, "POST", "/v1/users", "/v1/users",
                "{\"email\":\"ada@example.com\",\"password\":\"a long passphrase\"}");
        Reply duplicate = call(withLogin, "POST", "/v1/users", "/v1/users",
                "{\"email\":\"ADA@example.com\",\"password\":\"a long passphrase\"}");
        Reply token = form(withLogin, "grant_type=password&username=ada%40example.com&password=a+long+passphrase");
        Reply wrong = form(withLogin, "grant_type=password&username=ada%40example.com&password=not+it+at+all");
        Reply anonymous = call(withLogin, "GET", CONVERSATIONS, CONVERSATIONS, null);
        Reply authorised = call(withLogin, "GET", CONVERSATIONS, CONVERSATIONS, null,
                "Authorization", "Bearer " + token.json().get("access_token").asText());

        assertThat(registered.status()).isEqualTo(201);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(token.header("Cache-Control")).isEqualTo("no-store");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(authorised.status()).isEqualTo(200);
    }

    @Test
    void givenLoginOff_whenTheLoginRoutesAreCalled_then404AuthDisabled() {
        Reply register = call(open, "POST", "/v1/users", "/v1/users",
                "{\"email\":\"ada@example.com\",\"password\":\"a long passphrase\"}");

        assertThat(register.status()).isEqualTo(404);
        assertThat(register.json().get("code").asText()).isEqualTo("auth_disabled");
    }

    @Test
    void givenTheDocumentRoutes_whenCalled_thenTheyServeTheDocumentAndTheDocsPage() {
        Reply yaml = call(open, "GET", "/openapi", "/openapi", null);
        Reply docs = call(open, "GET", "/docs", "/docs", null);

        assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
        assertThat(new String(yaml.response().body())).startsWith("openapi: 3.1.0");
        assertThat(docs.header("Content-Type")).startsWith("text/html");
    }

    @Test
    void givenTheLivenessRoute_whenCalled_thenPippaAnswersUpWithoutCachingAndHeadHasNoBody() throws Exception {
        Reply live = call(open, "GET", "/observe/health/live", "/observe/health/live", null);
        HttpResponse<byte[]> head = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port()
                + "/observe/health/live")).HEAD().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").asText()).isEqualTo("UP");
        assertThat(live.response().headers().allValues("Cache-Control")).as("Pippa's own answer, not Helidon's")
                .containsExactly("no-store");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void givenAKnownPathAndAnUndocumentedMethod_whenCalled_then405WithAllowAndAProblemBody() throws Exception {
        HttpResponse<byte[]> put = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port()
                + CONVERSATIONS)).PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> head = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port()
                + CONVERSATIONS)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("GET, HEAD, POST");
        OPENAPI.assertProblem(put.body());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).contains("application/json");
    }

    private static Reply form(TestServer server, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return exchange(request, "POST", "/v1/auth/token");
    }
}
