package dev.pippa.adapter.out.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.Role;
import dev.pippa.domain.TimeOrderedIds;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a stub chat-completions server on 127.0.0.1 that each test scripts. */
class OpenAiSummarizerTest {

    private interface Behaviour {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private HttpServer stub;
    private final AtomicReference<Behaviour> behaviour = new AtomicReference<>();
    private final AtomicReference<JsonNode> lastRequest = new AtomicReference<>();
    private final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    private final List<Message> conversation = List.of(
            message(Role.SYSTEM, "You are a travel agent."),
            message(Role.USER, "I need a train from Paris to Lyon on Friday."),
            message(Role.ASSISTANT, "The 9:00 train has seats; shall I book it?"));

    private static Message message(Role role, String content) {
        return new Message(MessageId.next(TimeOrderedIds.shared()), ConversationId.next(TimeOrderedIds.shared()), role,
                content, Metadata.EMPTY, Instant.now());
    }

    @BeforeEach
    void startStub() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v1/chat/completions", exchange -> {
            lastAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            lastRequest.set(new ObjectMapper().readTree(exchange.getRequestBody()));
            try {
                behaviour.get().answer(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        stub.start();
    }

    @AfterEach
    void stopStub() {
        stub.stop(0);
    }

    private OpenAiSummarizer summarizer(Duration timeout) {
        return new OpenAiSummarizer(new OpenAiSummarizer.Endpoint(
                URI.create("http://127.0.0.1:" + stub.getAddress().getPort() + "/v1/"), "tiny-model", "sk-test", timeout));
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Test
    void givenAWorkingEndpoint_whenSummarising_thenItSendsTheTranscriptAndReturnsTheReply() {
        behaviour.set(exchange -> reply(exchange, 200,
                "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"  Wants the Friday train to Lyon. \"}}]}"));

        String summary = summarizer(Duration.ofSeconds(5)).summarize(Optional.empty(), conversation);

        assertThat(summary).isEqualTo("Wants the Friday train to Lyon.");
        assertThat(lastAuthorization.get()).isEqualTo("Bearer sk-test");
        JsonNode request = lastRequest.get();
        assertThat(request.get("model").asText()).isEqualTo("tiny-model");
        assertThat(request.get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(request.get("messages").get(1).get("content").asText())
                .contains("user: I need a train from Paris to Lyon on Friday.")
                .contains("assistant: The 9:00 train has seats")
                .doesNotContain("Summary so far");
    }

    @Test
    void givenASummarySoFar_whenSummarising_thenItIsSentBeforeTheNewMessages() {
        behaviour.set(exchange -> reply(exchange, 200,
                "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Booked the 9:00 to Lyon.\"}}]}"));

        String summary = summarizer(Duration.ofSeconds(5)).summarize(Optional.of("Wants a Friday train to Lyon."),
                conversation);

        assertThat(summary).isEqualTo("Booked the 9:00 to Lyon.");
        String sent = lastRequest.get().get("messages").get(1).get("content").asText();
        assertThat(sent).startsWith("Summary so far:\nWants a Friday train to Lyon.\n\nNew messages:\n");
        assertThat(sent.indexOf("Summary so far")).isLessThan(sent.indexOf("user: I need a train"));
    }

    @Test
    void givenAFailingEndpoint_whenSummarising_thenAnErrorNamingTheStatus() {
        behaviour.set(exchange -> reply(exchange, 500, "{\"error\":\"model overloaded\"}"));

        assertThatThrownBy(() -> summarizer(Duration.ofSeconds(5)).summarize(Optional.empty(), conversation))
                .hasMessageContaining("answered 500").hasMessageContaining("model overloaded")
                .hasMessageNotContaining("sk-test");
    }

    @Test
    void givenASlowEndpoint_whenSummarising_thenItGivesUpAfterTheTimeout() {
        behaviour.set(exchange -> {
            Thread.sleep(3_000);
            reply(exchange, 200, "{}");
        });

        assertThatThrownBy(() -> summarizer(Duration.ofMillis(500)).summarize(Optional.empty(), conversation))
                .hasMessageContaining("did not answer");
    }

    @Test
    void givenGarbage_whenSummarising_thenAnErrorSayingWhatWasWrong() {
        behaviour.set(exchange -> reply(exchange, 200, "<html>surprise</html>"));
        assertThatThrownBy(() -> summarizer(Duration.ofSeconds(5)).summarize(Optional.empty(), conversation))
                .hasMessageContaining("not JSON");

        behaviour.set(exchange -> reply(exchange, 200, "{\"choices\":[]}"));
        assertThatThrownBy(() -> summarizer(Duration.ofSeconds(5)).summarize(Optional.empty(), conversation))
                .hasMessageContaining("no choices[0].message.content");
    }

    @Test
    void givenNothingListening_whenSummarising_thenAnErrorNamingTheEndpoint() {
        int port = stub.getAddress().getPort();
        stub.stop(0);

        assertThatThrownBy(() -> summarizer(Duration.ofSeconds(2)).summarize(Optional.empty(), conversation))
                .hasMessageContaining("cannot reach the summary endpoint http://127.0.0.1:" + port);
    }
}
