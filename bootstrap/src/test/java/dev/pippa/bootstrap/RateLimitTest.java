package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token-bucket limits per user, per address and on logins: reached, answered 429, then recovered. */
class RateLimitTest {

    @TempDir
    Path directory;

    private static Map<String, String> limits(int perUser, int perAddress, int loginsPerMinute) {
        return Map.of("pippa.rate.limit", "true",
                "pippa.rate.user.per.second", Integer.toString(perUser),
                "pippa.rate.address.per.second", Integer.toString(perAddress),
                "pippa.rate.login.per.minute", Integer.toString(loginsPerMinute),
                "pippa.access.log", "false");
    }

    @Test
    void givenAUserOverTheirRate_whenCalling_then429WithRetryAfterAndServedAgainAfterWaiting() throws Exception {
        try (PippaServer server = PippaServer.start(AuthApiTest.authSettings(directory, "user.db", limits(2, 1000, 100)))) {
            ApiClient anonymous = new ApiClient(server.port());
            AuthApiTest.register(anonymous, "busy@example.com", "busy user password");
            String token = AuthApiTest.login(anonymous, "busy@example.com", "busy user password")
                    .json().get("access_token").asText();
            ApiClient busy = new ApiClient(server.port(), "Authorization", "Bearer " + token);

            ApiClient.Reply limited = firstRefusal(() -> busy.get("/v1/conversations"));

            assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
            assertThat(limited.json().get("code").asText()).isEqualTo("rate_limited");
            long retryAfter = Long.parseLong(limited.header("Retry-After"));
            assertThat(retryAfter).isBetween(1L, 2L);
            for (int i = 0; i < 5; i++) {
                assertThat(anonymous.get("/observe/health").status()).as("health is exempt").isEqualTo(200);
            }
            Thread.sleep(retryAfter * 1000);
            assertThat(busy.get("/v1/conversations").status()).isEqualTo(200);
        }
    }

    @Test
    void givenOneAddressOverItsRate_whenCallingWithoutAToken_then429BeforeAuthentication() throws Exception {
        try (PippaServer server = PippaServer.start(AuthApiTest.authSettings(directory, "address.db", limits(1000, 2, 100)))) {
            ApiClient anonymous = new ApiClient(server.port());

            ApiClient.Reply limited = firstRefusal(() -> anonymous.get("/v1/conversations"));

            assertThat(limited.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(limited.header("Retry-After")).isNotNull();
        }
    }

    @Test
    void givenRepeatedLoginsFromOneAddress_whenOverTheLoginRate_then429EvenForTheRightPassword() throws Exception {
        try (PippaServer server = PippaServer.start(AuthApiTest.authSettings(directory, "login.db", limits(1000, 1000, 3)))) {
            ApiClient anonymous = new ApiClient(server.port());
            AuthApiTest.register(anonymous, "guess@example.com", "the real password");
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(AuthApiTest.login(anonymous, "guess@example.com", "guess number " + i).status());
            }

            ApiClient.Reply limited = AuthApiTest.login(anonymous, "guess@example.com", "the real password");

            assertThat(statuses).as("registration used one of the three").contains(429);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        }
    }

    /** Calls until refused: a limit of a few per second is reached within a few calls unless each takes seconds. */
    private static ApiClient.Reply firstRefusal(Supplier<ApiClient.Reply> call) {
        for (int i = 0; i < 1_000; i++) {
            ApiClient.Reply reply = call.get();
            if (reply.status() == 429) {
                return reply;
            }
            assertThat(reply.status()).isIn(200, 401);
        }
        throw new AssertionError("no 429 within 1,000 calls");
    }
}
