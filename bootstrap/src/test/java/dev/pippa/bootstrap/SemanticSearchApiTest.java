package dev.pippa.bootstrap;

import static dev.pippa.bootstrap.HttpApiTest.assertProblem;
import static dev.pippa.bootstrap.TwoNodesIT.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pippa.adapter.out.postgres.EmbeddedPostgresServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search by meaning over HTTP with the real model: refused while embeddings are off, back-filled when they
 * are turned on over existing messages, then kept up by the index jobs for new and edited messages.
 */
class SemanticSearchApiTest {

    private static final String QUESTION = "How do I reset my password?";

    @TempDir
    Path directory;

    @Test
    void givenMessagesStoredWithEmbeddingsOff_whenTurnedOn_thenTheyAreBackFilledAndFoundByMeaning()
            throws Exception {
        String forgot;
        try (PippaServer off = PippaServer.start(HttpApiTest.testSettings(directory, Map.of()))) {
            ApiClient api = new ApiClient(off.port());
            String conversation = api.newConversation("support");
            forgot = api.postMessage(conversation, "I forgot my login credentials and cannot get in");
            api.postMessage(conversation, "The tomatoes in my garden are finally ripe");

            ApiClient.Reply refused = api.get("/v1/search?mode=semantic&q=" + encode(QUESTION));
            assertProblem(refused, 400, "invalid_parameter");
            assertThat(refused.body()).contains("\"mode\"").contains("PIPPA_EMBEDDINGS");
            String found = forgot;
            awaitCondition(() -> ids(api.get("/v1/search?q=" + encode("login credentials")).json())
                    .equals(List.of(found))); // keyword search by default, once the index job has run
        }

        try (PippaServer on = PippaServer.start(HttpApiTest.testSettings(directory, Map.of("pippa.embeddings",
                "minilm", "pippa.embeddings.cache.mb", "16")))) {
            ApiClient api = new ApiClient(on.port());
            awaitCondition(() -> !ids(api.get("/v1/search?mode=semantic&q=" + encode(QUESTION)).json()).isEmpty());

            JsonNode semantic = api.get("/v1/search?mode=semantic&limit=1&q=" + encode(QUESTION)).json();
            assertThat(ids(semantic)).containsExactly(forgot);
            assertThat(semantic.get("data").get(0).get("scores").get("semantic").asDouble()).isGreaterThan(0.3);
            assertThat(semantic.get("has_more").asBoolean()).isTrue();
            assertThat(api.metric("pippa_embeddings_texts_total")).as("messages and queries embedded")
                    .isGreaterThanOrEqualTo(3);
            assertThat(ids(api.get("/v1/search?mode=keyword&q=" + encode("reset password")).json()))
                    .as("no shared word").isEmpty();
            JsonNode hybrid = api.get("/v1/search?q=" + encode(QUESTION)).json();
            assertThat(ids(hybrid).getFirst()).as("hybrid by default once embeddings are on").isEqualTo(forgot);

            String conversation = api.newConversation("pets");
            String puppy = api.postMessage(conversation, "My puppy cries in the crate all night long");
            awaitCondition(() -> ids(api.get("/v1/search?mode=semantic&limit=1&q="
                    + encode("dog whining at bedtime")).json()).equals(List.of(puppy)));
            api.patch("/v1/conversations/" + conversation + "/messages/" + puppy,
                    "{\"content\":\"Which running shoes are best for flat feet?\"}");
            awaitCondition(() -> ids(api.get("/v1/search?mode=semantic&limit=1&q="
                    + encode("footwear for jogging")).json()).equals(List.of(puppy)));
        }
    }

    @Test
    void givenTwoUsers_whenOneSearchesByMeaning_thenOnlyTheirOwnMessagesCome() throws Exception {
        try (PippaServer server = PippaServer.start(AuthApiTest.authSettings(directory, "isolation.db",
                Map.of("pippa.embeddings", "minilm")))) {
            ApiClient anonymous = new ApiClient(server.port());
            ApiClient ada = signedIn(anonymous, server, "ada@example.com");
            ApiClient bob = signedIn(anonymous, server, "bob@example.com");
            String adas = ada.postMessage(ada.newConversation("private"), "I forgot my login credentials");
            String bobs = bob.postMessage(bob.newConversation("mine"), "Where do I change my passcode?");
            awaitCondition(() -> ids(ada.get("/v1/search?mode=semantic&q=" + encode(QUESTION)).json())
                    .equals(List.of(adas)));

            assertThat(ids(bob.get("/v1/search?mode=semantic&q=" + encode(QUESTION)).json())).containsExactly(bobs);
            assertThat(ids(bob.get("/v1/search?q=" + encode("forgot login credentials")).json()))
                    .doesNotContain(adas);
        }
    }

    @Test
    void givenTwoNodesOnPostgres_whenOneWritesAndTheOtherSearchesByMeaning_thenTheOtherKeepsUp() throws Exception {
        Map<String, String> postgres = Map.of("pippa.db.url", EmbeddedPostgresServer.newDatabase(),
                "pippa.db.pool.size", "4", "pippa.db.connect.timeout.seconds", "10",
                "pippa.db.statement.timeout.seconds", "30", "pippa.embeddings", "minilm");
        try (PippaServer a = PippaServer.start(HttpApiTest.testSettings(directory, postgres));
             PippaServer b = PippaServer.start(HttpApiTest.testSettings(directory, postgres))) {
            ApiClient nodeA = new ApiClient(a.port());
            ApiClient nodeB = new ApiClient(b.port());
            String conversation = nodeA.newConversation("support");
            String forgot = nodeA.postMessage(conversation, "I forgot my login credentials");
            awaitCondition(() -> ids(nodeB.get("/v1/search?mode=semantic&q=" + encode(QUESTION)).json())
                    .equals(List.of(forgot)));

            String garden = nodeA.postMessage(conversation, "My tomato plants have yellow leaves");

            awaitCondition(() -> ids(nodeB.get("/v1/search?mode=semantic&limit=1&q="
                    + encode("a problem in the vegetable garden")).json()).equals(List.of(garden)));
            assertThat(ids(nodeB.get("/v1/search?mode=semantic&q=" + encode(QUESTION)).json()))
                    .as("node B's vectors were brought up to date, not replaced").containsExactly(forgot, garden);
        }
    }

    private static ApiClient signedIn(ApiClient anonymous, PippaServer server, String email) {
        AuthApiTest.register(anonymous, email, "correct horse battery");
        String token = AuthApiTest.login(anonymous, email, "correct horse battery").json().get("access_token")
                .asText();
        return new ApiClient(server.port(), "Authorization", "Bearer " + token);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(hit -> ids.add(hit.get("message").get("id").asText()));
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
