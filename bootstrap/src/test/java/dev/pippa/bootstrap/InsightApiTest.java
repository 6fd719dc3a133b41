package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search and summaries over HTTP, made by the background workers of the production wiring. */
class InsightApiTest {

    @TempDir
    static Path directory;

    static PippaServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = PippaServer.start(HttpApiTest.testSettings(directory, Map.of("pippa.summary.every", "5")));
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static JsonNode search(String query) {
        ApiClient.Reply reply = api.get("/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** Polls until the condition holds (background work is asynchronous); fails after 10 s. */
    private static JsonNode eventually(Supplier<JsonNode> call, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode last = call.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            last = call.get();
        }
        assertThat(done.test(last)).as("not done within 10 s: " + last).isTrue();
        return last;
    }

    private static List<String> contents(JsonNode page) {
        List<String> contents = new ArrayList<>();
        page.get("data").forEach(hit -> contents.add(hit.get("message").get("content").asText()));
        return contents;
    }

    @Test
    void givenMessagesInThreeScripts_whenIndexed_thenWordsPhrasesAndPrefixesFindThem() throws Exception {
        String conversation = api.newConversation("languages");
        api.postMessage(conversation, "Please book the sleeper train to Edinburgh");
        api.postMessage(conversation, "서울에서 부산까지 기차표를 예약해 주세요");
        api.postMessage(conversation, "我想预订从北京到上海的高铁票");
        long posted = System.nanoTime();

        JsonNode english = eventually(() -> search("edinburgh"), page -> page.get("data").size() == 1);
        long searchableMillis = (System.nanoTime() - posted) / 1_000_000;

        JsonNode hit = english.get("data").get(0);
        assertThat(hit.get("object").asText()).isEqualTo("search_result");
        assertThat(hit.get("snippet").asText()).contains("<mark>Edinburgh</mark>");
        assertThat(hit.get("message").get("conversation_id").asText()).isEqualTo(conversation);
        assertThat(contents(eventually(() -> search("기차표"), page -> page.get("data").size() == 1)))
                .containsExactly("서울에서 부산까지 기차표를 예약해 주세요");
        assertThat(contents(eventually(() -> search("北京"), page -> page.get("data").size() == 1)))
                .containsExactly("我想预订从北京到上海的高铁票");
        assertThat(contents(search("\"sleeper train\""))).hasSize(1);
        assertThat(contents(search("edin*"))).hasSize(1);
        assertThat(contents(search("\"train sleeper\""))).isEmpty();
        System.out.printf("search: first message searchable %d ms after its POST was acknowledged%n", searchableMillis);
    }

    @Test
    void givenBadSearches_when_then400ProblemsNamingTheParameter() {
        ApiClient.Reply malformed = api.get("/v1/search?q=%22unterminated");
        ApiClient.Reply missing = api.get("/v1/search");
        ApiClient.Reply badRole = api.get("/v1/search?q=x&role=wizard");
        ApiClient.Reply badConversation = api.get("/v1/search?q=x&conversation_id=nope");

        for (ApiClient.Reply reply : List.of(malformed, missing, badRole, badConversation)) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(malformed.json().get("errors").get(0).get("field").asText()).isEqualTo("q");
        assertThat(badRole.json().get("errors").get(0).get("field").asText()).isEqualTo("role");
    }

    @Test
    void givenAnIndexedConversation_whenDeleted_thenSearchNoLongerFindsIt() throws Exception {
        String conversation = api.newConversation("short-lived");
        api.postMessage(conversation, "transient zebra sighting");
        eventually(() -> search("zebra"), page -> page.get("data").size() == 1);

        assertThat(api.delete("/v1/conversations/" + conversation).status()).isEqualTo(204);

        assertThat(search("zebra").get("data")).isEmpty();
    }

    @Test
    void givenAConversation_whenFiveMessagesArrive_thenItsSummaryGoesFromPendingToReady() throws Exception {
        String conversation = api.newConversation("summarised");
        JsonNode pending = api.get("/v1/conversations/" + conversation + "/summary").json();
        assertThat(pending.get("status").asText()).isEqualTo("pending");
        assertThat(pending.get("summary").isNull()).isTrue();
        String last = null;
        for (int i = 1; i <= 5; i++) {
            last = api.postMessage(conversation, "Message number " + i + " about the budget review.");
        }
        String lastMessage = last;

        JsonNode ready = eventually(() -> api.get("/v1/conversations/" + conversation + "/summary").json(),
                summary -> summary.get("status").asText().equals("ready"));

        assertThat(ready.get("conversation_id").asText()).isEqualTo(conversation);
        assertThat(ready.get("summary").asText()).contains("budget review");
        assertThat(ready.get("covers_through_message_id").asText()).isEqualTo(lastMessage);
        assertThat(ready.get("message_count_covered").asInt()).isEqualTo(5);
        assertThat(api.get("/v1/conversations/conv_01JD3X6Q8Z5V2M4N7P9R1S3T5V/summary").status()).isEqualTo(404);
    }

    @Test
    void givenBackgroundWork_whenMetricsAreScraped_thenQueueDepthAndRunsAppear() throws Exception {
        String conversation = api.newConversation("metrics");
        api.postMessage(conversation, "counted");
        eventually(() -> search("counted"), page -> page.get("data").size() == 1);

        String metrics = api.get("/observe/metrics").body();

        assertThat(metrics).contains("pippa_jobs_pending").contains("pippa_jobs_failed")
                .contains("pippa_jobs_runs_total").contains("outcome=\"completed\"").contains("pippa_jobs_latency");
    }

    @Test
    void givenAnEditedThenDeletedMessage_whenSearched_thenTheNewTextIsFoundNotTheOldThenNeither() throws Exception {
        String conversation = api.newConversation("edits");
        String id = api.postMessage(conversation, "Meet at the aquarium on Tuesday");
        eventually(() -> search("aquarium"), page -> page.get("data").size() == 1);

        assertThat(api.patch("/v1/conversations/" + conversation + "/messages/" + id,
                "{\"content\":\"Meet at the planetarium on Thursday\"}").status()).isEqualTo(200);

        eventually(() -> search("planetarium"), page -> contents(page).equals(List.of(
                "Meet at the planetarium on Thursday")));
        assertThat(search("aquarium").get("data")).as("the old words are gone from the index").isEmpty();

        assertThat(api.delete("/v1/conversations/" + conversation + "/messages/" + id).status()).isEqualTo(204);
        assertThat(search("planetarium").get("data")).as("a deleted message is never found").isEmpty();
        String next = api.postMessage(conversation, "A new message after the deletion");
        assertThat(search("planetarium").get("data")).as("nor does its index entry pass to the next message")
                .isEmpty();
        assertThat(next).isNotEqualTo(id);
    }
}
