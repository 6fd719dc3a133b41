package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pippa.adapter.out.security.JwtAccessTokens;
import dev.pippa.domain.user.UserId;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.User;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, tokens and per-user isolation over a real port, with login on (the default). */
class AuthApiTest {

    static final String SECRET = "test-signing-secret-of-32-bytes!";
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @TempDir
    static Path directory;

    static PippaServer server;
    static ApiClient anonymous;
    static final List<String> logLines = new ArrayList<>();
    static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(record.getLoggerName() + " " + record.getMessage() + " " + record.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() {
        Logger.getLogger("").addHandler(capture);
        capture.setLevel(Level.ALL);
        server = PippaServer.start(authSettings(directory, "auth.db", Map.of()));
        anonymous = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
        Logger.getLogger("").removeHandler(capture);
    }

    static Settings authSettings(Path directory, String database, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of(
                "pippa.auth", "bearer",
                "pippa.jwt.secret", SECRET,
                "pippa.jwt.ttl.seconds", "3600",
                "pippa.rate.limit", "false",
                "pippa.access.log", "true",
                "pippa.db.path", directory.resolve(database).toString()));
        values.putAll(overrides);
        return HttpApiTest.testSettings(directory, values);
    }

    static String register(ApiClient api, String email, String password) {
        ApiClient.Reply reply = api.post("/v1/users",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("id").asText();
    }

    static ApiClient.Reply login(ApiClient api, String email, String password) {
        return api.postForm("/v1/auth/token", "grant_type=password&username=" + encode(email)
                + "&password=" + encode(password) + "&client_id=swagger&scope=");
    }

    /** Registers a user and returns a client that sends that user's token. */
    static ApiClient userClient(String email, String password) {
        register(anonymous, email, password);
        String token = login(anonymous, email, password).json().get("access_token").asText();
        return new ApiClient(server.port(), "Authorization", "Bearer " + token);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- registration and login -----------------------------------------------------------------------

    @Test
    void givenANewEmail_whenRegistering_then201WithTheNormalisedEmailAndNoPassword() {
        ApiClient.Reply reply = anonymous.post("/v1/users",
                "{\"email\":\"  Ada.Lovelace@Example.COM \",\"password\":\"analytical engine 1843\"}");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode user = reply.json();
        assertThat(user.get("id").asText()).startsWith("usr_");
        assertThat(user.get("object").asText()).isEqualTo("user");
        assertThat(user.get("email").asText()).isEqualTo("ada.lovelace@example.com");
        assertThat(reply.body()).doesNotContain("analytical").doesNotContain("argon2");
    }

    @Test
    void givenARegisteredEmail_whenRegisteringItAgainInAnotherCase_then409NamingTheEmailNotThePassword() {
        register(anonymous, "dup@example.com", "first password here");

        ApiClient.Reply reply = anonymous.post("/v1/users",
                "{\"email\":\"DUP@example.com\",\"password\":\"second password here\"}");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().get("code").asText()).isEqualTo("already_exists");
        assertThat(reply.body()).doesNotContain("second password");
    }

    @Test
    void givenBadRegistrations_when_then422NamingEachFieldWithoutEchoingThePassword() {
        ApiClient.Reply shortPassword = anonymous.post("/v1/users",
                "{\"email\":\"short@example.com\",\"password\":\"tiny-secret\"}");
        ApiClient.Reply badEmail = anonymous.post("/v1/users",
                "{\"email\":\"not-an-email\",\"password\":\"long enough password\"}");
        ApiClient.Reply missing = anonymous.post("/v1/users", "{}");

        assertThat(shortPassword.status()).isEqualTo(422);
        assertThat(shortPassword.json().get("errors").get(0).get("field").asText()).isEqualTo("password");
        assertThat(shortPassword.body()).doesNotContain("tiny-secret");
        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(badEmail.json().get("errors").get(0).get("field").asText()).isEqualTo("email");
        assertThat(badEmail.body()).doesNotContain("long enough password");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("errors")).hasSize(2);
    }

    @Test
    void givenARegisteredUser_whenLoggingIn_thenABearerTokenThatIsNotCached() {
        register(anonymous, "token@example.com", "token password 123");

        ApiClient.Reply reply = login(anonymous, "Token@Example.com", "token password 123");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("token_type").asText()).isEqualTo("bearer");
        assertThat(reply.json().get("expires_in").asInt()).isEqualTo(3600);
        assertThat(reply.json().get("access_token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void givenAWrongPasswordOrAnUnknownEmail_whenLoggingIn_thenTheSame401() {
        register(anonymous, "enum@example.com", "the right password");

        ApiClient.Reply wrongPassword = login(anonymous, "enum@example.com", "the wrong password");
        ApiClient.Reply unknownEmail = login(anonymous, "nobody@example.com", "the right password");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
        assertThat(wrongPassword.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void givenMalformedTokenRequests_when_then4xxNamingTheProblem() {
        ApiClient.Reply json = anonymous.post("/v1/auth/token", "{\"username\":\"a\",\"password\":\"b\"}");
        ApiClient.Reply noGrant = anonymous.postForm("/v1/auth/token", "username=a%40b.c&password=x");
        ApiClient.Reply otherGrant = anonymous.postForm("/v1/auth/token", "grant_type=client_credentials");
        ApiClient.Reply noPassword = anonymous.postForm("/v1/auth/token", "grant_type=password&username=a");
        ApiClient.Reply badEncoding = anonymous.postForm("/v1/auth/token", "grant_type=password&username=%zz");

        assertThat(json.status()).isEqualTo(415);
        assertThat(noGrant.status()).isEqualTo(400);
        assertThat(noGrant.json().get("code").asText()).isEqualTo("unsupported_grant_type");
        assertThat(otherGrant.json().get("code").asText()).isEqualTo("unsupported_grant_type");
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.json().get("code").asText()).isEqualTo("invalid_request");
        assertThat(badEncoding.status()).isEqualTo(400);
    }

    // ---- bearer tokens ------------------------------------------------------------------------------------

    @Test
    void givenEveryKindOfBadToken_whenCallingTheApi_then401WithABearerChallenge() {
        String userId = register(anonymous, "victim@example.com", "victim password 1");
        String otherId = register(anonymous, "intruder@example.com", "intruder password 1");
        String valid = login(anonymous, "victim@example.com", "victim password 1").json().get("access_token").asText();
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String expired = new JwtAccessTokens(SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5),
                Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC)).issue(tokenUser(new UserId(userId))).value();
        String otherKey = new JwtAccessTokens("some-other-secret-of-32-bytes!!!".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(5), Clock.systemUTC()).issue(tokenUser(new UserId(userId))).value();
        String algNone = B64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        String tampered = parts[0] + "." + B64.encodeToString(payload.replace(userId, otherId)
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String resigned = parts[0] + "." + parts[1] + "." + B64.encodeToString(new byte[32]);

        Map<String, String[]> attempts = Map.of(
                "missing", new String[0],
                "malformed", new String[] {"Authorization", "Bearer not-a-token"},
                "empty", new String[] {"Authorization", "Bearer "},
                "other scheme", new String[] {"Authorization", "Basic dmljdGltOnBhc3N3b3Jk"},
                "expired", new String[] {"Authorization", "Bearer " + expired},
                "wrongly signed", new String[] {"Authorization", "Bearer " + otherKey},
                "alg none", new String[] {"Authorization", "Bearer " + algNone},
                "tampered payload", new String[] {"Authorization", "Bearer " + tampered},
                "forged signature", new String[] {"Authorization", "Bearer " + resigned});
        attempts.forEach((kind, headers) -> {
            ApiClient.Reply reply = anonymous.get("/v1/conversations", headers);
            assertThat(reply.status()).as(kind).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate")).as(kind).startsWith("Bearer realm=\"pippa\"");
            assertThat(reply.header("Content-Type")).as(kind).startsWith("application/problem+json");
            assertThat(reply.json().get("code").asText()).as(kind).isEqualTo("unauthorized");
        });
        assertThat(anonymous.get("/v1/conversations", "Authorization", "bearer " + valid).status()).isEqualTo(200);
    }

    @Test
    void givenNoToken_whenCallingHealthMetricsAndDocs_thenTheyAnswer() {
        assertThat(anonymous.get("/observe/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/observe/metrics").status()).isEqualTo(200);
        assertThat(anonymous.get("/openapi").status()).isEqualTo(200);
        assertThat(anonymous.post("/v1/conversations", "{}").status()).isEqualTo(401);
    }

    // ---- isolation ------------------------------------------------------------------------------------------

    @Test
    void givenTwoUsers_whenOneUsesTheOthersIdsAndCursors_thenEverything404sAndNothingChanges()
            throws InterruptedException {
        ApiClient alice = userClient("alice@example.com", "alice password 1");
        ApiClient bob = userClient("bob@example.com", "bob password 123");
        List<String> aliceConversations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = alice.newConversation("alice " + i);
            aliceConversations.add(id);
            for (int m = 0; m < 3; m++) {
                alice.postMessage(id, "alice says " + m);
            }
        }
        String bobConversation = bob.newConversation("bob's");
        String target = aliceConversations.getFirst();
        String message = alice.get("/v1/conversations/" + target + "/messages?limit=1").json()
                .get("data").get(0).get("id").asText();
        String messageCursor = alice.get("/v1/conversations/" + target + "/messages?limit=1").json()
                .get("next_cursor").asText();
        String listCursor = alice.get("/v1/conversations?limit=1").json().get("next_cursor").asText();
        JsonNode before = alice.get("/v1/conversations/" + target).json();

        List<ApiClient.Reply> attempts = List.of(
                bob.get("/v1/conversations/" + target),
                bob.patch("/v1/conversations/" + target, "{\"title\":\"mine now\"}"),
                bob.patch("/v1/conversations/" + target, "{\"title\":\"mine now\"}", "If-Match", "\"1\""),
                bob.post("/v1/conversations/" + target + "/messages", "{\"role\":\"user\",\"content\":\"hi\"}"),
                bob.get("/v1/conversations/" + target + "/messages"),
                bob.get("/v1/conversations/" + target + "/messages?cursor=" + messageCursor),
                bob.get("/v1/conversations/" + target + "/messages/" + message),
                bob.get("/v1/conversations/" + bobConversation + "/messages/" + message),
                bob.get("/v1/conversations/" + target + "/summary"),
                bob.delete("/v1/conversations/" + target));
        for (ApiClient.Reply reply : attempts) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(404);
            assertThat(reply.body()).doesNotContain("alice");
        }
        ApiClient.Reply foreignListCursor = bob.get("/v1/conversations?cursor=" + listCursor);
        assertThat(foreignListCursor.status()).isEqualTo(400);
        assertThat(foreignListCursor.body()).doesNotContain("alice");
        JsonNode bobsList = bob.get("/v1/conversations?limit=100").json();
        assertThat(bobsList.get("data")).hasSize(1);
        assertThat(bobsList.get("data").get(0).get("id").asText()).isEqualTo(bobConversation);

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (alice.get("/v1/search?q=alice").json().get("data").size() < 9 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(alice.get("/v1/search?q=alice&limit=20").json().get("data")).hasSize(9);
        assertThat(bob.get("/v1/search?q=alice").json().get("data")).isEmpty();
        assertThat(bob.get("/v1/search?q=says&conversation_id=" + target).json().get("data")).isEmpty();
        JsonNode after = alice.get("/v1/conversations/" + target).json();
        assertThat(after).isEqualTo(before);
        assertThat(after.get("message_count").asInt()).isEqualTo(3);
        assertThat(alice.get("/v1/conversations?limit=100").json().get("data")).hasSize(3);
    }

    // ---- secrets at rest and in logs -------------------------------------------------------------------------

    @Test
    void givenRegistrationsAndLogins_whenTheDatabaseAndTheLogsAreRead_thenNoPasswordAppearsInClear()
            throws IOException, SQLException {
        String password = "plain-text-canary-7f3a9";
        register(anonymous, "canary@example.com", password);
        login(anonymous, "canary@example.com", password);
        login(anonymous, "canary@example.com", password + "-wrong");
        anonymous.post("/v1/users", "{\"email\":\"canary@example.com\",\"password\":\"" + password + "\"}");
        anonymous.post("/v1/users", "{\"email\":\"bad\",\"password\":\"" + password + "\"}");

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("auth.db"));
             ResultSet row = db.createStatement().executeQuery(
                     "SELECT password_hash FROM user_account WHERE email = 'canary@example.com'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).startsWith("$argon2id$").doesNotContain(password);
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("auth.db")).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain(password);
            }
        }
        synchronized (logLines) {
            assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains(password));
        }
    }

    // ---- the account itself ---------------------------------------------------------------------------

    @Test
    void givenAnAccountWithData_whenDeletedWithItsPassword_thenTheTokenFailsAndNothingOfItIsLeftInTheDatabase()
            throws Exception {
        ApiClient erase = userClient("erase@example.com", "correct horse battery");
        ApiClient other = userClient("stays@example.com", "correct horse battery");
        JsonNode me = erase.get("/v1/users/me").json();
        assertThat(me.get("email").asText()).isEqualTo("erase@example.com");
        String owner = me.get("id").asText();
        String conversation = erase.post("/v1/conversations", "{\"title\":\"private\"}", "Idempotency-Key", "once")
                .json().get("id").asText();
        String message = erase.postMessage(conversation, "quokka sightings");
        assertThat(erase.post("/v1/auth/tickets", "").status()).isEqualTo(201);
        String kept = other.newConversation("someone else's");
        Path database = directory.resolve("auth.db");
        long rowid = SqliteRows.number(database, "SELECT rowid FROM message WHERE id = ?", message);
        TwoNodesIT.awaitCondition(() -> erase.get("/v1/search?q=quokka").json().get("data").size() == 1);

        assertThat(erase.delete("/v1/users/me").status()).as("a password is required").isIn(400, 415, 422);
        assertThat(erase.send(java.net.http.HttpRequest.newBuilder(erase.uri("/v1/users/me"))
                .header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\":\"a wrong password here\"}")))
                .status()).isEqualTo(401);
        ApiClient.Reply deleted = erase.send(java.net.http.HttpRequest.newBuilder(erase.uri("/v1/users/me"))
                .header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"password\":\"correct horse battery\"}")));

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(erase.get("/v1/users/me").status()).isEqualTo(401);
        assertThat(erase.get("/v1/conversations").status()).isEqualTo(401);
        assertThat(other.get("/v1/conversations/" + kept).status()).isEqualTo(200);
        assertThat(SqliteRows.number(database, "SELECT count(*) FROM user_account WHERE id = ?", owner))
                .isZero();
        for (String table : List.of("conversation", "idempotency_key", "event", "job", "stream_ticket",
                "response", "import_record", "account_erasure")) {
            assertThat(SqliteRows.number(database, "SELECT count(*) FROM " + table + " WHERE owner_id = ?", owner))
                    .as(table).isZero();
        }
        assertThat(SqliteRows.number(database, "SELECT count(*) FROM message WHERE conversation_id = ?",
                conversation)).isZero();
        assertThat(SqliteRows.number(database, "SELECT count(*) FROM message_search WHERE rowid = CAST(? AS INTEGER)",
                Long.toString(rowid))).as("search entries").isZero();
        assertThat(SqliteRows.number(database, "SELECT count(*) FROM conversation_summary WHERE conversation_id = ?",
                conversation)).isZero();
    }

    /** A user to sign a token for, as far as a token needs one (its id and token version 0). */
    static User tokenUser(UserId id) {
        return new User(id, new Email("token@example.com"), new PasswordHash("$unused"), Instant.now());
    }
}
