package dev.pippa.adapter.out.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pippa.application.port.out.ChatModel;
import dev.pippa.application.port.out.ChatModelException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The streaming client against a scripted OpenAI-compatible stub on 127.0.0.1. */
class OpenAiChatModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChatModel.Request REQUEST = new ChatModel.Request("stub-model",
            List.of(new ChatModel.Turn("system", "Be brief."), new ChatModel.Turn("user", "Hello?")), 64, 0.2);

    private HttpServer stub;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<JsonNode> received = new AtomicReference<>();

    @FunctionalInterface
    private interface Script {
        void answer(HttpExchange exchange) throws Exception;
    }

    private OpenAiChatModel stubbed(Script script, Duration idle) throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v1/chat/completions", exchange -> {
            try (exchange) {
                received.set(JSON.readTree(exchange.getRequestBody()));
                script.answer(exchange);
            } catch (Exception e) {
                // the client went away or the script ended the connection
            }
        });
        stub.start();
        return new OpenAiChatModel(new OpenAiChatModel.Endpoint(
                URI.create("http://127.0.0.1:" + stub.getAddress().getPort() + "/v1/"), "sk-test",
                Duration.ofSeconds(30), idle));
    }

    @AfterEach
    void stop() {
        finished.countDown();
        if (stub != null) {
            stub.stop(0);
        }
    }

    private static OutputStream events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static void send(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String token(String text) {
        return "{\"id\":\"chatcmpl-1\",\"model\":\"stub-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                + JSON.valueToTree(text) + "},\"finish_reason\":null}]}";
    }

    @Test
    void givenAStreamedReply_whenRead_thenEachDeltaArrivesInOrderAndTheCompletionCarriesUsage() throws Exception {
        OpenAiChatModel model = stubbed(exchange -> {
            OutputStream out = events(exchange);
            for (String piece : List.of("Hel", "lo", " there", "!")) {
                send(out, token(piece));
            }
            send(out, "{\"id\":\"chatcmpl-1\",\"model\":\"stub-model\",\"choices\":[{\"index\":0,\"delta\":{},"
                    + "\"finish_reason\":\"stop\"}]}");
            send(out, "{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":4}}");
            send(out, "[DONE]");
        }, Duration.ofSeconds(30));
        List<String> deltas = new ArrayList<>();

        ChatModel.Completion completion = model.stream(REQUEST, deltas::add);

        assertThat(deltas).containsExactly("Hel", "lo", " there", "!");
        assertThat(completion).isEqualTo(new ChatModel.Completion("chatcmpl-1", "stub-model", "stop",
                new ChatModel.Usage(12, 4)));
        JsonNode sent = received.get();
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.get("model").asText()).isEqualTo("stub-model");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(sent.get("messages").findValuesAsText("content")).containsExactly("Be brief.", "Hello?");
    }

    @Test
    void givenAnOverloadedOrFailingEndpoint_whenCalled_thenUnavailableAndRetryableWithItsRetryAfter()
            throws Exception {
        OpenAiChatModel overloaded = stubbed(exchange -> {
            exchange.getResponseHeaders().set("Retry-After", "3");
            exchange.sendResponseHeaders(429, -1);
        }, Duration.ofSeconds(30));
        ChatModelException tooMany = catchThrowableOfType(ChatModelException.class,
                () -> overloaded.stream(REQUEST, delta -> { }));
        assertThat(tooMany.kind()).isEqualTo(ChatModelException.Kind.UNAVAILABLE);
        assertThat(tooMany.retryable()).isTrue();
        assertThat(tooMany.retryAfter()).contains(Duration.ofSeconds(3));
        stop();

        OpenAiChatModel refusing = stubbed(exchange -> exchange.sendResponseHeaders(400, -1), Duration.ofSeconds(30));
        ChatModelException refused = catchThrowableOfType(ChatModelException.class,
                () -> refusing.stream(REQUEST, delta -> { }));
        assertThat(refused.kind()).isEqualTo(ChatModelException.Kind.REFUSED);
        assertThat(refused.retryable()).isFalse();
    }

    @Test
    void givenNothingListening_whenCalled_thenUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OpenAiChatModel model = new OpenAiChatModel(new OpenAiChatModel.Endpoint(
                URI.create("http://127.0.0.1:" + closedPort), null, Duration.ofSeconds(5), Duration.ofSeconds(5)));
        ChatModelException failure = catchThrowableOfType(ChatModelException.class, () -> model.stream(REQUEST, d -> { }));
        assertThat(failure.kind()).isEqualTo(ChatModelException.Kind.UNAVAILABLE);
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void givenAConnectionDroppedAfterThreeTokens_whenRead_thenBrokenAfterTheFirstTokenWithThoseThree() throws Exception {
        OpenAiChatModel model = stubbed(exchange -> {
            OutputStream out = events(exchange);
            for (String piece : List.of("one ", "two ", "three")) {
                send(out, token(piece));
            }
            // the handler returns: the connection ends without [DONE]
        }, Duration.ofSeconds(30));
        List<String> deltas = new ArrayList<>();

        ChatModelException failure = catchThrowableOfType(ChatModelException.class, () -> model.stream(REQUEST, deltas::add));

        assertThat(failure.kind()).isEqualTo(ChatModelException.Kind.BROKEN);
        assertThat(failure.afterFirstToken()).isTrue();
        assertThat(failure.retryable()).isFalse();
        assertThat(deltas).containsExactly("one ", "two ", "three");
    }

    @Test
    void givenAGarbageChunk_whenRead_thenMalformed() throws Exception {
        OpenAiChatModel model = stubbed(exchange -> {
            OutputStream out = events(exchange);
            send(out, token("fine"));
            send(out, "{not json");
            send(out, "[DONE]");
        }, Duration.ofSeconds(30));

        ChatModelException failure = catchThrowableOfType(ChatModelException.class, () -> model.stream(REQUEST, d -> { }));

        assertThat(failure.kind()).isEqualTo(ChatModelException.Kind.MALFORMED);
        assertThat(failure.afterFirstToken()).isTrue();
    }

    @Test
    void givenAStreamThatGoesQuiet_whenPastTheIdleTimeout_thenStalledAndTheCallReturns() throws Exception {
        OpenAiChatModel model = stubbed(exchange -> {
            OutputStream out = events(exchange);
            send(out, token("and then"));
            finished.await(120, TimeUnit.SECONDS); // silent until the test ends: only the idle timeout ends the call
        }, Duration.ofSeconds(1));
        List<String> deltas = new ArrayList<>();

        ChatModelException failure = catchThrowableOfType(ChatModelException.class, () -> model.stream(REQUEST, deltas::add));

        assertThat(failure.kind()).isEqualTo(ChatModelException.Kind.STALLED);
        assertThat(deltas).isSubsetOf("and then");
    }
}
