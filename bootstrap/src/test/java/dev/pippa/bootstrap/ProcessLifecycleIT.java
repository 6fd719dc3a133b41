package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar as a process: register, log in, serve, SIGTERM, exit 0, restart, nothing lost (users
 * and tokens included); bad start-ups exit 2.
 */
class ProcessLifecycleIT {

    private static final String SECRET = "end-to-end-signing-secret-32-bytes";

    @TempDir
    Path directory;

    @Test
    void givenAcknowledgedWrites_whenTheServerIsTerminatedAndRestarted_thenEveryMessageIsStillThere() throws Exception {
        int port = PippaProcess.freePort();
        Map<String, String> environment = Map.of(
                "SERVER_PORT", Integer.toString(port),
                "PIPPA_DB_PATH", directory.resolve("data/pippa.db").toString(),
                "PIPPA_JWT_SECRET", SECRET,
                "PIPPA_ACCESS_LOG", "false");
        ApiClient anonymous = new ApiClient(port);
        List<String> conversations = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        ApiClient api;

        try (PippaProcess pippa = PippaProcess.start(environment)) {
            assertThat(pippa.startLine()).contains("http://127.0.0.1:" + port)
                    .contains(directory.resolve("data/pippa.db").toString());
            AuthApiTest.register(anonymous, "e2e@example.com", "end to end password");
            String token = AuthApiTest.login(anonymous, "e2e@example.com", "end to end password")
                    .json().get("access_token").asText();
            api = new ApiClient(port, "Authorization", "Bearer " + token);
            for (int c = 0; c < 3; c++) {
                String conversation = api.newConversation("e2e " + c);
                conversations.add(conversation);
                for (int m = 0; m < 10; m++) {
                    messages.add(api.postMessage(conversation, "message " + c + "/" + m));
                }
            }
            assertThat(pippa.terminate()).as(pippa.output()).isZero();
            assertThat(pippa.output()).contains("pippa: stopped").doesNotContain("Exception");
        }

        try (PippaProcess restarted = PippaProcess.start(environment)) {
            List<String> found = new ArrayList<>();
            for (String conversation : conversations) {
                JsonNode page = api.get("/v1/conversations/" + conversation + "/messages?limit=100").json();
                page.get("data").forEach(message -> found.add(message.get("id").asText()));
            }
            assertThat(found).containsExactlyElementsOf(messages);
            assertThat(AuthApiTest.login(anonymous, "e2e@example.com", "end to end password").status()).isEqualTo(200);
            assertThat(anonymous.get("/v1/conversations").status()).isEqualTo(401);
            assertThat(restarted.terminate()).isZero();
        }
    }

    @Test
    void givenABadSetting_whenStarting_thenOneClearLineAndExitCode2() throws Exception {
        try (PippaProcess pippa = PippaProcess.run(Map.of("SERVER_PORT", "eighty",
                "PIPPA_DB_PATH", directory.resolve("x.db").toString()))) {
            assertThat(pippa.awaitExit()).isEqualTo(2);
            assertThat(pippa.output()).isEqualTo(
                    "pippa: cannot start: invalid setting server.port (SERVER_PORT=eighty): expected an integer from 0 to 65535");
        }
    }

    @Test
    void givenAnUnusableDatabasePath_whenStarting_thenOneClearLineAndExitCode2() throws Exception {
        Path notADirectory = directory.resolve("file");
        java.nio.file.Files.writeString(notADirectory, "x");
        try (PippaProcess pippa = PippaProcess.run(Map.of("SERVER_PORT", Integer.toString(PippaProcess.freePort()),
                "PIPPA_JWT_SECRET", SECRET, "PIPPA_DB_PATH", notADirectory.resolve("pippa.db").toString()))) {
            assertThat(pippa.awaitExit()).isEqualTo(2);
            assertThat(pippa.output()).isEqualTo("pippa: cannot start: cannot use database folder " + notADirectory
                    + ": not a folder");
        }
    }

    @Test
    void givenLoginOnAndNoSigningKey_whenStarting_thenOneLineSayingWhatToSetAndExitCode2() throws Exception {
        try (PippaProcess pippa = PippaProcess.run(Map.of("SERVER_PORT", Integer.toString(PippaProcess.freePort()),
                "PIPPA_DB_PATH", directory.resolve("nokey.db").toString()))) {
            assertThat(pippa.awaitExit()).isEqualTo(2);
            assertThat(pippa.output()).startsWith("pippa: cannot start: invalid setting pippa.jwt.secret")
                    .contains("PIPPA_JWT_KEY_FILE").contains("PIPPA_AUTH=none").doesNotContain("\n");
        }
    }

    @Test
    void givenLoginOff_whenStarting_thenAWarningIsLoggedAndNoTokenIsNeeded() throws Exception {
        int port = PippaProcess.freePort();
        try (PippaProcess pippa = PippaProcess.start(Map.of("SERVER_PORT", Integer.toString(port),
                "PIPPA_AUTH", "none", "PIPPA_DB_PATH", directory.resolve("open.db").toString()))) {
            assertThat(new ApiClient(port).post("/v1/conversations", "{}").status()).isEqualTo(201);
            assertThat(pippa.output()).contains("login is off (PIPPA_AUTH=none)");
            assertThat(pippa.terminate()).isZero();
        }
    }
}
