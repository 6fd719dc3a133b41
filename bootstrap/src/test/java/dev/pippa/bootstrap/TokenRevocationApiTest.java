package dev.pippa.bootstrap;

import static dev.pippa.bootstrap.AuthApiTest.authSettings;
import static dev.pippa.bootstrap.AuthApiTest.login;
import static dev.pippa.bootstrap.AuthApiTest.register;
import static dev.pippa.bootstrap.HttpApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password change and token revocation over a real port, checked in the database and across a restart. */
class TokenRevocationApiTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "a brand new passphrase";

    @TempDir
    Path directory;

    private PippaServer server;
    private ApiClient anonymous;
    private String userId;

    @BeforeEach
    void start() {
        server = PippaServer.start(authSettings(directory, "tokens.db", Map.of()));
        anonymous = new ApiClient(server.port());
        userId = register(anonymous, "ada@example.com", PASSWORD);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void givenARevokedToken_whenUsedAgainAndAfterARestart_then401WhileAnotherTokenOfTheUserWorks() throws Exception {
        String revokedToken = token(PASSWORD);
        String keptToken = token(PASSWORD);
        ApiClient revoked = as(revokedToken);
        ApiClient kept = as(keptToken);
        assertThat(revoked.get("/v1/conversations").status()).isEqualTo(200);

        assertThat(revoked.post("/v1/auth/revoke", "").status()).isEqualTo(204);

        assertProblem(revoked.get("/v1/conversations"), 401, null);
        assertThat(revoked.get("/v1/conversations").body()).contains("revoked");
        assertThat(kept.get("/v1/conversations").status()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM token_revocation WHERE user_id = ? AND token_id IS NOT NULL"))
                .isEqualTo(1);
        server.stop();
        server = PippaServer.start(authSettings(directory, "tokens.db", Map.of()));
        assertThat(as(revokedToken).get("/v1/conversations").status()).as("after a restart").isEqualTo(401);
        assertThat(as(keptToken).get("/v1/conversations").status()).isEqualTo(200);
    }

    @Test
    void givenAPasswordChange_whenTokensAreUsed_thenEveryEarlierOneIs401AndTheAnsweredOneWorks() throws Exception {
        ApiClient laptop = as(token(PASSWORD));
        ApiClient phone = as(token(PASSWORD));

        ApiClient.Reply wrong = laptop.post("/v1/users/me/password",
                "{\"current_password\":\"not my password at all\",\"new_password\":\"" + NEW_PASSWORD + "\"}");
        assertProblem(wrong, 401, null);
        assertThat(phone.get("/v1/conversations").status()).as("a refused change changes nothing").isEqualTo(200);
        ApiClient.Reply changed = laptop.post("/v1/users/me/password",
                "{\"current_password\":\"" + PASSWORD + "\",\"new_password\":\"" + NEW_PASSWORD + "\"}");

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.header("Cache-Control")).isEqualTo("no-store");
        ApiClient fresh = as(changed.json().get("access_token").asText());
        assertThat(fresh.get("/v1/users/me").json().get("id").asText()).isEqualTo(userId);
        for (ApiClient old : new ApiClient[] {laptop, phone}) {
            ApiClient.Reply refused = old.get("/v1/conversations");
            assertProblem(refused, 401, null);
            assertThat(refused.body()).contains("password was changed");
        }
        assertThat(login(anonymous, "ada@example.com", PASSWORD).status()).isEqualTo(401);
        assertThat(login(anonymous, "ada@example.com", NEW_PASSWORD).status()).isEqualTo(200);
        assertThat(count("SELECT token_version FROM user_account WHERE id = ?")).isEqualTo(1);
    }

    @Test
    void givenBadPasswordChanges_whenSent_then422NamingEachFieldAndNothingChanges() throws Exception {
        ApiClient client = as(token(PASSWORD));

        ApiClient.Reply missing = client.post("/v1/users/me/password", "{\"new_password\":\"short\"}");

        assertProblem(missing, 422, "validation_failed");
        assertThat(missing.body()).contains("current_password").contains("new_password").doesNotContain("short\"");
        assertThat(client.get("/v1/conversations").status()).isEqualTo(200);
        assertThat(count("SELECT token_version FROM user_account WHERE id = ?")).isZero();
    }

    private String token(String password) {
        return login(anonymous, "ada@example.com", password).json().get("access_token").asText();
    }

    private ApiClient as(String token) {
        return new ApiClient(server.port(), "Authorization", "Bearer " + token);
    }

    private long count(String sql) throws SQLException {
        return SqliteRows.number(directory.resolve("tokens.db"), sql, userId);
    }
}
