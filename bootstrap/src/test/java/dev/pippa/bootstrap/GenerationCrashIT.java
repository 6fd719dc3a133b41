package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pippa.adapter.in.http.SseClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a reply: after a restart the reply ends failed (interrupted), never stuck. */
class GenerationCrashIT {

    @TempDir
    Path folder;

    @Test
    void givenAReplyBeingWritten_whenPippaIsKilledAndRestarted_thenTheReplyEndsInterruptedAndNoHalfMessageIsStored()
            throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ModelStub stub = new ModelStub()) {
            stub.then(ModelStub.silentAfter(ModelStub.TOKENS.subList(0, 2), never));
            int port = PippaProcess.freePort();
            Path database = folder.resolve("crash.db");
            String conversation;
            String id;
            try (PippaProcess first = PippaProcess.start(GenerationIT.environment(stub, database, port))) {
                String token = GenerationIT.tokenFor(port, "ada@example.com");
                conversation = new ApiClient(port, "Authorization", "Bearer " + token).newConversation("crash");
                try (SseClient stream = SseClient.post(URI.create("http://127.0.0.1:" + port + "/v1/conversations/"
                        + conversation + "/responses"), "{\"input\":\"Hi\",\"stream\":true}",
                        "Authorization", "Bearer " + token)) {
                    SseClient.Event delta;
                    do {
                        delta = stream.next();
                    } while (!delta.type().equals("response.output_text.delta"));
                    id = delta.json().get("response_id").asText();
                    first.kill();
                }
            }
            stub.then(ModelStub.tokens(List.of("never", " asked"), java.time.Duration.ZERO));
            int requestsBefore = stub.requests.size();

            try (PippaProcess again = PippaProcess.start(GenerationIT.environment(stub, database, port))) {
                ApiClient api = new ApiClient(port, "Authorization", "Bearer " + GenerationIT.tokenFor(port,
                        "ada@example.com"));
                JsonNode ended = GenerationIT.awaitEnded(api, id);

                assertThat(ended.get("status").asText()).isEqualTo("failed");
                assertThat(ended.get("error").get("code").asText()).isEqualTo("interrupted");
                assertThat(api.get("/v1/conversations/" + conversation).json().get("message_count").asInt())
                        .as("the question only: no half reply").isEqualTo(1);
                assertThat(stub.requests.size()).as("the model is not asked again").isEqualTo(requestsBefore);
            } finally {
                never.countDown();
            }
        }
    }
}
