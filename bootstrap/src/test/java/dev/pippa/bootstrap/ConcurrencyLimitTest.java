package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests beyond the concurrency limit and its queue are shed at once with 503, Retry-After and
 * problem+json; a request still sending its body holds no slot, and is cut off with 408 when it stalls.
 */
class ConcurrencyLimitTest {

    /** 16 MB: four times the largest send buffer Linux grants by default (net.ipv4.tcp_wmem: 4 MiB). */
    private static final int PAGE_MESSAGES = 64;
    private static final int CONTENT_CHARS = 250_000;

    @TempDir
    Path directory;

    @Test
    void givenTheOnlyPermitHeldByAResponseNobodyReads_whenAnotherRequestArrives_thenItIsShedAndServiceResumes()
            throws Exception {
        try (PippaServer server = oneSlot("pippa.jobs.workers", "0")) {
            ApiClient api = new ApiClient(server.port());
            String conversation = api.newConversation("limited");
            String content = "x".repeat(CONTENT_CHARS);
            for (int i = 0; i < PAGE_MESSAGES; i++) {
                api.postMessage(conversation, content);
            }
            try (Socket reader = new Socket()) {
                // A 16 MB page into a tiny receive window: the handler blocks writing it, holding the permit.
                reader.setReceiveBufferSize(4096);
                reader.connect(new InetSocketAddress("127.0.0.1", server.port()));
                OutputStream out = reader.getOutputStream();
                out.write(("GET /v1/conversations/" + conversation + "/messages?limit=100 HTTP/1.1\r\nHost: x\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                ApiClient.Reply shed = awaitShed(api, "/v1/conversations/" + conversation);

                assertThat(shed.status()).isEqualTo(503);
                assertThat(shed.header("Retry-After")).isEqualTo("1");
                assertThat(shed.header("Content-Type")).startsWith("application/problem+json");
                assertThat(shed.json().get("code").asText()).isEqualTo("unavailable");
                assertThat(api.get("/observe/health").status()).as("health bypasses the limit").isEqualTo(200);

                InputStream in = reader.getInputStream();
                assertThat(new String(in.readNBytes(12), StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200");
                long drained = in.readNBytes(PAGE_MESSAGES * CONTENT_CHARS).length;
                assertThat(drained).isEqualTo((long) PAGE_MESSAGES * CONTENT_CHARS);
            }
            assertThat(api.get("/v1/conversations/" + conversation).status()).isEqualTo(200);
        }
    }

    @Test
    void givenTheOnlyPermitAndABodyThatStalls_whenOthersCall_thenTheyAreServedAndTheStalledOneGets408()
            throws Exception {
        try (PippaServer server = oneSlot("pippa.body.idle.seconds", "1")) {
            ApiClient api = new ApiClient(server.port());
            String conversation = api.newConversation("slow body");
            try (Socket slow = new Socket("127.0.0.1", server.port())) {
                String body = "{\"role\":\"user\",\"content\":\"slowly\"}";
                OutputStream out = slow.getOutputStream();
                out.write(("POST /v1/conversations/" + conversation + "/messages HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                        + body.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
                out.flush();

                assertThat(api.get("/v1/conversations/" + conversation).status()).isEqualTo(200);

                slow.setSoTimeout(60_000);
                String answer = new String(slow.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
                        .contains("\"code\":\"request_timeout\"").contains("Connection: close");
            }
            assertThat(api.get("/v1/conversations/" + conversation).json().get("message_count").asInt()).isZero();
        }
    }

    /** A server that serves one request at a time and queues none, with one more setting. */
    private PippaServer oneSlot(String key, String value) {
        return PippaServer.start(HttpApiTest.testSettings(directory, Map.of(
                "pippa.max.concurrent.requests", "1", "pippa.request.queue", "0", key, value)));
    }

    /** The page request may take a moment to reach the server and take the permit: ask until it is shed. */
    private static ApiClient.Reply awaitShed(ApiClient api, String path) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        ApiClient.Reply reply = api.get(path);
        while (reply.status() != 503 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            reply = api.get(path);
        }
        return reply;
    }
}
