package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests beyond the concurrency limit and its queue are shed at once with 503, Retry-After and problem+json. */
class ConcurrencyLimitTest {

    @TempDir
    Path directory;

    @Test
    void givenEveryPermitTakenAndNoQueue_whenAnotherRequestArrives_thenItIsShedAndServiceResumesAfterwards()
            throws Exception {
        try (PippaServer server = PippaServer.start(HttpApiTest.testSettings(directory,
                Map.of("pippa.max.concurrent.requests", "1", "pippa.request.queue", "0")))) {
            ApiClient api = new ApiClient(server.port());
            String conversation = api.newConversation("limited");
            try (Socket slow = new Socket("127.0.0.1", server.port())) {
                // Headers and half a body: the handler holds the only permit while it waits for the rest.
                String body = "{\"role\":\"user\",\"content\":\"slowly\"}";
                OutputStream out = slow.getOutputStream();
                out.write(("POST /v1/conversations/" + conversation + "/messages HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                        + body.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(300);

                ApiClient.Reply shed = api.get("/v1/conversations/" + conversation);

                assertThat(shed.status()).isEqualTo(503);
                assertThat(shed.header("Retry-After")).isEqualTo("1");
                assertThat(shed.header("Content-Type")).startsWith("application/problem+json");
                assertThat(shed.json().get("code").asText()).isEqualTo("unavailable");

                out.write(body.substring(10).getBytes(StandardCharsets.UTF_8));
                out.flush();
                InputStream in = slow.getInputStream();
                String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
                assertThat(status).isEqualTo("HTTP/1.1 201");
            }
            assertThat(api.get("/v1/conversations/" + conversation).json().get("message_count").asInt()).isEqualTo(1);
        }
    }
}
