package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pippa.adapter.out.security.JwtAccessTokens;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.user.UserId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** What a new user and a hostile client found at the edge, each kept fixed (issue 13). */
class HardeningApiTest {

    @TempDir
    static Path directory;

    static PippaServer server;
    static ApiClient anonymous;
    static ApiClient api;
    static String token;

    @BeforeAll
    static void start() {
        server = PippaServer.start(AuthApiTest.authSettings(directory, "hardening.db", Map.of()));
        anonymous = new ApiClient(server.port());
        AuthApiTest.register(anonymous, "hard@example.com", "a hardened password");
        token = AuthApiTest.login(anonymous, "hard@example.com", "a hardened password").json()
                .get("access_token").asText();
        api = new ApiClient(server.port(), "Authorization", "Bearer " + token);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    // ---- data comes back exactly as acknowledged ------------------------------------------------------

    @Test
    void givenUnpairedSurrogatesInAnyStringField_whenPosting_then422NamingTheFieldAndNothingStored() {
        String conversation = api.newConversation("surrogates");
        String messages = "/v1/conversations/" + conversation + "/messages";

        assertField(api.post(messages, "{\"role\":\"user\",\"content\":\"\\ud800\"}"), "content");
        assertField(api.post(messages, "{\"role\":\"user\",\"content\":\"x\\udfffy\"}"), "content");
        assertField(api.post("/v1/conversations", "{\"title\":\"\\udc00\"}"), "title");
        assertField(api.post(messages, "{\"role\":\"user\",\"content\":\"x\",\"metadata\":{\"k\":\"\\ud800\"}}"),
                "metadata.k");
        // In a key Jackson's parser refuses it itself: malformed JSON, 400.
        ApiClient.Reply key = api.post(messages, "{\"role\":\"user\",\"content\":\"x\",\"metadata\":{\"\\ud800\":\"v\"}}");
        assertThat(key.status()).isEqualTo(400);
        assertThat(key.json().get("detail").asText()).contains("surrogate");
        ApiClient.Reply pair = api.post(messages, "{\"role\":\"user\",\"content\":\"\\ud83d\\ude00\"}");

        assertThat(pair.status()).isEqualTo(201);
        assertThat(pair.json().get("content").asText()).isEqualTo("\ud83d\ude00");
        assertThat(api.get(messages).json().get("data")).hasSize(1);
    }

    @Test
    void givenOneIdempotencyKey_whenALoneSurrogateThenAQuestionMarkArePosted_thenTheFirstIsRefusedNotReplayed() {
        String messages = "/v1/conversations/" + api.newConversation("fingerprint") + "/messages";

        ApiClient.Reply refused = api.post(messages, "{\"role\":\"user\",\"content\":\"\\udc00\"}",
                "Idempotency-Key", "same-key");
        ApiClient.Reply stored = api.post(messages, "{\"role\":\"user\",\"content\":\"?\"}", "Idempotency-Key", "same-key");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(stored.status()).isEqualTo(201);
        assertThat(stored.json().get("content").asText()).isEqualTo("?");
    }

    @Test
    void givenAnOverlongUtf8Form_whenPosted_then400AndNotStoredAsTheCharacterItDisguises() {
        byte[] body = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', 'a', (byte) 0xc0, (byte) 0xaf, '"', '}'};
        ApiClient.Reply reply = api.send(HttpRequest.newBuilder(api.uri("/v1/conversations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).contains("not valid UTF-8");
    }

    // ---- validation and error bodies -----------------------------------------------------------------

    @Test
    void givenFieldsOfTheWrongType_whenPosting_thenOneErrorPerField() {
        String messages = "/v1/conversations/" + api.newConversation("types") + "/messages";

        ApiClient.Reply reply = api.post(messages, "{\"role\":1,\"content\":5,\"metadata\":{\"a\":1}}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(fields(reply)).containsExactly("content", "metadata.a", "role");
        assertThat(reply.json().get("detail").asText()).isEqualTo("The request body has 3 invalid fields.");
    }

    @Test
    void givenABadEmailAndAShortPassword_whenRegistering_thenBothAreReportedAtOnce() {
        ApiClient.Reply reply = anonymous.post("/v1/users", "{\"email\":\"bad\",\"password\":\"short\"}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(fields(reply)).containsExactly("email", "password");
    }

    @Test
    void givenAnUnknownQueryParameter_whenListingOrSearching_then400NamingIt() {
        ApiClient.Reply typo = api.get("/v1/conversations?limt=5");
        ApiClient.Reply filter = api.get("/v1/conversations?title=nomatch");
        ApiClient.Reply search = api.get("/v1/search?q=x&rolee=user");
        ApiClient.Reply none = api.get("/v1/conversations/" + api.newConversation("p") + "?verbose=1");

        assertThat(List.of(typo, filter, search, none)).allMatch(reply -> reply.status() == 400);
        assertThat(fields(typo)).containsExactly("limt");
        assertThat(typo.json().get("detail").asText()).contains("archived, cursor, limit, metadata[KEY], order, q");
        assertThat(fields(filter)).containsExactly("title");
        assertThat(fields(search)).containsExactly("rolee");
        assertThat(fields(none)).containsExactly("verbose");
    }

    @Test
    void givenBadInputThatReachesLibraries_whenRefused_thenTheDetailNamesNoInternals() {
        String nested = "{\"role\":\"user\",\"content\":\"x\",\"metadata\":" + "[".repeat(100) + "]".repeat(100) + "}";
        ApiClient.Reply deep = api.post("/v1/conversations/" + api.newConversation("deep") + "/messages", nested);
        ApiClient.Reply column = api.get("/v1/search?q=" + URLEncoder.encode("foo:bar", StandardCharsets.UTF_8));
        ApiClient.Reply syntax = api.get("/v1/search?q=" + URLEncoder.encode("\"", StandardCharsets.UTF_8));

        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.json().get("detail").asText()).contains("nested more than 64 levels")
                .doesNotContain("StreamReadConstraints");
        for (ApiClient.Reply search : List.of(column, syntax)) {
            assertThat(search.status()).isEqualTo(400);
            assertThat(search.body()).doesNotContain("column").doesNotContain("fts5").doesNotContain("syntax error");
        }
    }

    @Test
    void givenAnAnonymousCaller_whenCheckingHealth_thenNoPathIsShown() {
        ApiClient.Reply health = anonymous.get("/observe/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("database").doesNotContain(directory.toString()).doesNotContain(".db");
    }

    @Test
    void givenTheServerWithItsHealthFeature_whenLivenessAndReadinessAreAsked_thenPippaAnswersLivenessAndHelidonReadiness() {
        ApiClient.Reply live = anonymous.get("/observe/health/live");
        ApiClient.Reply ready = anonymous.get("/observe/health/ready");

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().get("status").asText()).isEqualTo("UP");
        assertThat(live.header("Cache-Control")).as("Pippa's route answers before the health feature's")
                .isEqualTo("no-store");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("database");
    }

    @Test
    void givenTokenRequestsThatFail_whenAnswered_thenTheBodyCarriesOAuth2ErrorMembers() {
        ApiClient.Reply wrongPassword = AuthApiTest.login(anonymous, "hard@example.com", "not the password!");
        ApiClient.Reply wrongGrant = anonymous.postForm("/v1/auth/token", "grant_type=client_credentials");
        ApiClient.Reply missing = anonymous.postForm("/v1/auth/token", "grant_type=password&username=x");

        assertThat(wrongPassword.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(wrongGrant.json().get("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(missing.json().get("error").asText()).isEqualTo("invalid_request");
        for (ApiClient.Reply reply : List.of(wrongPassword, wrongGrant, missing)) {
            assertThat(reply.json().get("error_description").asText()).isEqualTo(reply.json().get("detail").asText());
        }
        assertThat(api.get("/v1/conversations?limt=1").json().has("error")).as("only the token endpoint").isFalse();
    }

    @Test
    void givenTheLongestSearchInCjk_whenUrlEncoded_thenItFitsTheRequestLine() {
        String longest = "中".repeat(512);

        ApiClient.Reply reply = api.get("/v1/search?q=" + URLEncoder.encode(longest, StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(200);
    }

    // ---- methods and documents ----------------------------------------------------------------------

    @Test
    void givenAKnownPathAndAnotherMethod_whenCalled_then405WithAllow() {
        ApiClient.Reply put = api.send(HttpRequest.newBuilder(api.uri("/v1/conversations"))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        ApiClient.Reply delete = api.delete("/openapi");

        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(put.json().get("code").asText()).isEqualTo("method_not_allowed");
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(api.get("/v1/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void givenAGetRoute_whenCalledWithHead_thenTheSameHeadersAndNoBody() {
        String conversation = api.newConversation("head");
        ApiClient.Reply health = api.send(HttpRequest.newBuilder(api.uri("/observe/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(health.status()).as("Helidon's health check answers HEAD with 204 when healthy").isEqualTo(204);
        for (String path : List.of("/v1/conversations/" + conversation, "/v1/conversations", "/openapi", "/docs",
                "/openapi.json")) {
            ApiClient.Reply get = api.get(path);
            ApiClient.Reply head = api.send(HttpRequest.newBuilder(api.uri(path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));

            assertThat(head.status()).as(path).isIn(200, 204);
            assertThat(head.raw()).as(path).isEmpty();
            assertThat(head.header("Content-Type")).as(path).isEqualTo(get.header("Content-Type"));
            if (get.header("Content-Length") != null && head.status() == 200) {
                assertThat(head.header("Content-Length")).as(path).isEqualTo(get.header("Content-Length"));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenTheOpenApiDocument_whenAskedForJson_thenTheSameDocumentAsJson() throws IOException {
        Map<String, Object> yaml = new Yaml().load(Files.readString(Path.of("../docs/openapi.yaml")));
        ApiClient.Reply negotiated = anonymous.get("/openapi", "Accept", "application/json");
        ApiClient.Reply byName = anonymous.get("/openapi.json");

        assertThat(negotiated.header("Content-Type")).startsWith("application/json");
        assertThat(ApiClient.JSON.readValue(negotiated.raw(), Map.class)).isEqualTo(normalised(yaml));
        assertThat(byName.body()).isEqualTo(negotiated.body());
        assertThat(anonymous.get("/openapi").header("Content-Type")).startsWith("application/yaml");
    }

    // ---- clients that go away -------------------------------------------------------------------------

    @Test
    void givenClientsThatDisconnectMidRequest_whenTheServerNotices_thenNoWarningOrStackTraceIsLogged()
            throws Exception {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            String[] partial = {"GET /v1/conver", "GET /v1/conversations HTTP/1.1\r\nHo",
                    "GET /v1/conversations HTTP/1.1\r\nAuthorization: Bearer " + token + "\r\n",
                    "POST /v1/conversations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{\"ti",
                    "POST /v1/conversations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\""};
            for (int i = 0; i < 20; i++) {
                try (Socket socket = new Socket("127.0.0.1", server.port())) {
                    if (i % 2 == 0) {
                        socket.setSoLinger(true, 0); // a reset instead of an orderly close
                    }
                    socket.getOutputStream().write(partial[i % partial.length].getBytes(StandardCharsets.UTF_8));
                }
            }
            assertThat(api.get("/observe/health").status()).isEqualTo(200);
            Thread.sleep(500); // room for a late log line to show up: waiting can only make this test stricter
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertThat(logged).as("records at WARNING or with a stack trace").isEmpty();
    }

    // ---- tokens and cursors ---------------------------------------------------------------------------

    @Test
    void givenTwoAuthorizationHeaders_whenCalling_then400EvenIfBothAreValid() throws IOException {
        String answer = raw("GET /v1/conversations HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
                + token + "\r\nAuthorization: Bearer " + token + "\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"ambiguous_credentials\"");
    }

    @Test
    void givenAValidlySignedTokenForAUserThatDoesNotExist_whenCalling_then401AndNothingCreated() {
        String forNobody = new JwtAccessTokens(AuthApiTest.SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofHours(1),
                Clock.systemUTC()).issue(AuthApiTest.tokenUser(UserId.next(TimeOrderedIds.shared()))).value();
        ApiClient nobody = new ApiClient(server.port(), "Authorization", "Bearer " + forNobody);

        ApiClient.Reply reply = nobody.post("/v1/conversations", "{\"title\":\"orphan\"}");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("detail").asText()).contains("does not exist");
    }

    @Test
    void givenACursorWhoseSealIsRemovedOrForged_whenPaging_then400WhileTheIssuedOneWorks() {
        String conversation = api.newConversation("cursor");
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            posted.add(api.postMessage(conversation, "m" + i));
        }
        String messages = "/v1/conversations/" + conversation + "/messages?limit=1&cursor=";
        String issued = api.get(messages).json().get("next_cursor").asText();
        String unsealed = issued.substring(0, issued.lastIndexOf('.'));
        String forged = unsealed + ".AAAAAAAAAAAAAAAAAAAAAA";

        JsonNode next = api.get(messages + issued).json();
        assertThat(next.get("data").get(0).get("id").asText()).isEqualTo(posted.get(1));
        for (String bad : List.of(unsealed, forged)) {
            ApiClient.Reply reply = api.get(messages + bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(fields(reply)).containsExactly("cursor");
        }
    }

    private static void assertField(ApiClient.Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(fields(reply)).containsExactly(field);
        assertThat(reply.json().get("errors").get(0).get("message").asText()).contains("unpaired UTF-16 surrogate");
    }

    private static List<String> fields(ApiClient.Reply reply) {
        List<String> fields = new ArrayList<>();
        reply.json().get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    /** YAML's dates and numbers as JSON would carry them, by a round trip through the JSON mapper. */
    private static Object normalised(Map<String, Object> yaml) throws IOException {
        return ApiClient.JSON.readValue(ApiClient.JSON.writeValueAsBytes(yaml), Map.class);
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput(); // Helidon keeps reading after answering "Connection: close" until the client goes
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
