package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pippa.adapter.out.postgres.EmbeddedPostgresServer;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Two real Pippa processes serving one real PostgreSQL database, as nodes behind a load balancer would:
 * what one node acknowledges, the other serves at once, and neither loses or duplicates what the other does.
 */
class TwoNodesIT {

    private static final String SECRET = "two nodes share this signing secret!";

    private static Map<String, String> node(String databaseUrl, int port, Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(Map.of("SERVER_PORT", Integer.toString(port),
                "PIPPA_DB_URL", databaseUrl, "PIPPA_JWT_SECRET", SECRET, "PIPPA_ACCESS_LOG", "false",
                "PIPPA_RATE_LIMIT", "false", "PIPPA_SUMMARY_EVERY", "10"));
        environment.putAll(overrides);
        return environment;
    }

    @Test
    void givenTwoNodes_whenClientsUseEitherAtOnce_thenEachSeesTheOthersWritesAndNothingIsLostOrRepeated() throws Exception {
        String database = EmbeddedPostgresServer.newDatabase();
        int portA = PippaProcess.freePort();
        int portB = PippaProcess.freePort();
        try (PippaProcess a = PippaProcess.start(node(database, portA, Map.of()));
             PippaProcess b = PippaProcess.start(node(database, portB, Map.of()))) {
            assertThat(a.startLine()).contains("jdbc:postgresql://").doesNotContain("postgres:postgres");
            ApiClient anonymousA = new ApiClient(portA);
            assertThat(anonymousA.post("/v1/users", "{\"email\":\"ada@example.com\",\"password\":\"correct horse\"}")
                    .status()).isEqualTo(201);
            String token = new ApiClient(portB).postForm("/v1/auth/token", "grant_type=password&username="
                    + URLEncoder.encode("ada@example.com", StandardCharsets.UTF_8) + "&password=correct+horse")
                    .json().get("access_token").asText();
            ApiClient nodeA = new ApiClient(portA, "Authorization", "Bearer " + token);
            ApiClient nodeB = new ApiClient(portB, "Authorization", "Bearer " + token);

            // A write through one node is read through the other at once, both ways.
            String conversation = nodeA.newConversation("shared");
            String first = nodeA.postMessage(conversation, "posted to A, findable on B");
            assertThat(nodeB.get("/v1/conversations/" + conversation + "/messages/" + first).status()).isEqualTo(200);
            assertThat(nodeB.patch("/v1/conversations/" + conversation, "{\"title\":\"renamed on B\"}").status())
                    .isEqualTo(200);
            assertThat(nodeA.get("/v1/conversations/" + conversation).json().get("title").asText())
                    .isEqualTo("renamed on B");

            // 50 writers spread over both nodes, and a reader paging meanwhile.
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            List<String> seenWhileWriting;
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService writers = Executors.newFixedThreadPool(51)) {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < 50; w++) {
                    ApiClient node = w % 2 == 0 ? nodeA : nodeB;
                    int writer = w;
                    done.add(writers.submit(() -> {
                        start.await();
                        for (int i = 0; i < 20; i++) {
                            acknowledged.add(node.postMessage(conversation, "writer " + writer + " message " + i));
                        }
                        return null;
                    }));
                }
                start.countDown();
                seenWhileWriting = messageIds(nodeB, conversation, 7);
                for (Future<?> writer : done) {
                    writer.get(5, TimeUnit.MINUTES);
                }
            }
            List<String> onA = messageIds(nodeA, conversation, 100);
            List<String> onB = messageIds(nodeB, conversation, 33);
            assertThat(acknowledged).hasSize(1000);
            assertThat(onA).hasSize(1001).doesNotHaveDuplicates().containsAll(acknowledged).isEqualTo(onB);
            assertThat(onA.subList(0, seenWhileWriting.size())).as("a page read during the writes is a prefix")
                    .isEqualTo(seenWhileWriting);
            assertThat(nodeB.get("/v1/conversations/" + conversation).json().get("message_count").asInt())
                    .isEqualTo(1001);

            // One idempotency key sent to both nodes at once creates one conversation.
            for (int round = 0; round < 5; round++) {
                Set<String> created = ConcurrentHashMap.newKeySet();
                CountDownLatch go = new CountDownLatch(1);
                try (ExecutorService senders = Executors.newFixedThreadPool(6)) {
                    for (int i = 0; i < 6; i++) {
                        ApiClient node = i % 2 == 0 ? nodeA : nodeB;
                        String key = "same-key-" + round;
                        senders.submit(() -> {
                            go.await();
                            ApiClient.Reply reply = node.post("/v1/conversations", "{\"title\":\"once\"}",
                                    "Idempotency-Key", key);
                            assertThat(reply.status()).as(reply.body()).isIn(200, 201);
                            created.add(reply.json().get("id").asText());
                            return null;
                        });
                    }
                    go.countDown();
                }
                assertThat(created).as("round %d", round).hasSize(1);
            }

            // Search on B finds what was posted to A, once either node's workers have indexed it.
            nodeA.postMessage(conversation, "a zeppelin over Lisbon");
            awaitCondition(() -> nodeB.get("/v1/search?q=zeppelin").json().get("data").size() == 1);
            assertThat(nodeB.get("/v1/search?q=zeppelin").json().get("data").get(0).get("snippet").asText())
                    .contains("<mark>zeppelin</mark>");

            assertThat(a.terminate()).isZero();
            assertThat(b.terminate()).isZero();
        }
    }

    @Test
    void givenANodeHoldingJobLeases_whenKilledUnderLoad_thenNoAcknowledgedWriteIsLostAndItsJobsRunAfterTheLease()
            throws Exception {
        String database = EmbeddedPostgresServer.newDatabase();
        int portA = PippaProcess.freePort();
        int portB = PippaProcess.freePort();
        int portC = PippaProcess.freePort();
        Map<String, String> open = Map.of("PIPPA_AUTH", "none");
        try (Blackhole model = new Blackhole();
             // A summarises through a model that never answers, so its summary jobs stay leased to it.
             PippaProcess a = PippaProcess.start(node(database, portA, Map.of("PIPPA_AUTH", "none",
                     "PIPPA_SUMMARIZER", "openai", "PIPPA_OPENAI_BASE_URL", model.url(),
                     "PIPPA_OPENAI_MODEL", "never", "PIPPA_OPENAI_TIMEOUT_SECONDS", "30")));
             PippaProcess b = PippaProcess.start(node(database, portB, Map.of("PIPPA_AUTH", "none",
                     "PIPPA_JOBS_WORKERS", "0")))) {
            ApiClient nodeA = new ApiClient(portA);
            ApiClient nodeB = new ApiClient(portB);
            String conversation = nodeA.newConversation("under load");
            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                ApiClient node = w % 2 == 0 ? nodeA : nodeB;
                int writer = w;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; running.get(); i++) {
                        try {
                            ApiClient.Reply reply = node.post("/v1/conversations/" + conversation + "/messages",
                                    "{\"role\":\"user\",\"content\":\"writer " + writer + " message " + i + "\"}");
                            if (reply.status() == 201) {
                                acknowledged.add(reply.json().get("id").asText());
                            }
                        } catch (UncheckedIOException | IllegalStateException e) {
                            return; // this writer's node was killed
                        }
                    }
                }));
            }
            awaitCondition(() -> nodeB.metric("pippa_jobs_running") > 0);

            a.kill();
            int acknowledgedAtKill = acknowledged.size();
            awaitCondition(() -> acknowledged.size() > acknowledgedAtKill + 50);
            running.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
            assertThat(messageIds(nodeB, conversation, 100)).as("every acknowledged write, through the survivor")
                    .doesNotHaveDuplicates().containsAll(acknowledged);

            // A replacement node with workers takes the dead node's jobs once their lease has run out.
            try (PippaProcess c = PippaProcess.start(node(database, portC, open))) {
                ApiClient nodeC = new ApiClient(portC);
                awaitCondition(() -> nodeC.metric("pippa_jobs_pending") == 0 && nodeC.metric("pippa_jobs_running") == 0);
                assertThat(nodeC.metric("pippa_jobs_failed")).isZero();
                assertThat(nodeB.get("/v1/conversations/" + conversation + "/summary").json().get("status").asText())
                        .isEqualTo("ready");
                assertThat(nodeB.get("/v1/search?q=writer&limit=1").json().get("data")).hasSize(1);
                assertThat(c.terminate()).isZero();
            }
            assertThat(b.terminate()).isZero();
        }
    }

    /** An OpenAI-compatible endpoint that accepts connections and never answers. */
    private static final class Blackhole implements AutoCloseable {
        private final java.net.ServerSocket socket = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getLoopbackAddress());
        private final List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();

        Blackhole() throws java.io.IOException {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(socket.accept());
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
            for (java.net.Socket connection : held) {
                connection.close();
            }
        }
    }

    /** Every message id of the conversation, oldest first, paged with cursors. */
    static List<String> messageIds(ApiClient api, String conversation, int pageSize) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/v1/conversations/" + conversation + "/messages?order=asc&limit=" + pageSize
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("data").forEach(message -> ids.add(message.get("id").asText()));
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    /** Waits for a condition with a generous bound: a verdict on what happens, never on how fast. */
    static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition still false after 3 minutes").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
