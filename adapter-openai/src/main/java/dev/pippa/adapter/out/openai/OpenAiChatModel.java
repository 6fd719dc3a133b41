package dev.pippa.adapter.out.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pippa.application.port.out.ChatModel;
import dev.pippa.application.port.out.ChatModelException;
import dev.pippa.application.port.out.ChatModelException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Streaming chat completions from any OpenAI-compatible {@code POST {base}/chat/completions} endpoint
 * (OpenAI, vLLM, llama.cpp's server, Ollama, LiteLLM): Server-Sent Events of {@code data:} chunks ending
 * with {@code [DONE]}. A stream that sends nothing for the idle timeout is cut off; every failure is a
 * {@link ChatModelException} that says whether text had already been streamed. The API key goes only in
 * the Authorization header.
 */
public final class OpenAiChatModel implements ChatModel {

    /**
     * @param connectTimeout how long to wait for a connection and the response's status
     * @param idleTimeout    the longest silence allowed while the reply streams
     */
    public record Endpoint(URI baseUrl, String apiKey, Duration connectTimeout, Duration idleTimeout) {
        public Endpoint {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
        }

        @Override
        public String toString() {
            return "Endpoint[" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "redacted") + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA = "data:";

    private final Endpoint endpoint;
    private final HttpClient client;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("pippa-chat-watchdog").factory());

    public OpenAiChatModel(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.client = HttpClient.newBuilder().connectTimeout(endpoint.connectTimeout()).build();
    }

    @Override
    public Completion stream(Request request, Consumer<String> onDelta) {
        HttpResponse<InputStream> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw refusal(response);
        }
        try (InputStream body = response.body()) {
            return read(body, onDelta);
        } catch (IOException e) {
            throw new ChatModelException(Kind.BROKEN, false, null, "the chat endpoint's stream failed: " + e, e);
        }
    }

    private HttpResponse<InputStream> send(Request request) {
        HttpRequest.Builder http = ChatCompletions.post(endpoint.baseUrl(), endpoint.apiKey(), endpoint.connectTimeout(),
                body(request)).header("Accept", "text/event-stream");
        try {
            return client.send(http.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ChatModelException(Kind.UNAVAILABLE, false, null,
                    "cannot reach the chat endpoint " + endpoint.baseUrl() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatModelException(Kind.UNAVAILABLE, false, null, "interrupted while calling the chat endpoint", e);
        }
    }

    static String body(Request request) {
        ObjectNode body = JSON.createObjectNode().put("model", request.model()).put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        ArrayNode messages = body.putArray("messages");
        request.messages().forEach(turn -> messages.addObject().put("role", turn.role()).put("content", turn.content()));
        if (request.maxOutputTokens() != null) {
            body.put("max_tokens", request.maxOutputTokens());
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        return body.toString();
    }

    private static ChatModelException refusal(HttpResponse<InputStream> response) {
        String detail;
        try (InputStream body = response.body()) {
            detail = new String(body.readNBytes(500), StandardCharsets.UTF_8);
        } catch (IOException e) {
            detail = "";
        }
        int status = response.statusCode();
        boolean worthRetrying = status == 429 || status >= 500;
        Duration retryAfter = response.headers().firstValue("Retry-After").flatMap(OpenAiChatModel::seconds).orElse(null);
        return new ChatModelException(worthRetrying ? Kind.UNAVAILABLE : Kind.REFUSED, false, retryAfter,
                "the chat endpoint answered " + status + ": " + detail.strip(), null);
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty(); // an HTTP date: the caller's own backoff applies
        }
    }

    /** Reads the event stream to [DONE], cutting it off if it goes quiet for longer than the idle timeout. */
    private Completion read(InputStream body, Consumer<String> onDelta) throws IOException {
        AtomicBoolean stalled = new AtomicBoolean();
        StreamState state = new StreamState();
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        ScheduledFuture<?> cutOff = schedule(body, stalled);
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                cutOff.cancel(false);
                cutOff = schedule(body, stalled);
                if (!line.startsWith(DATA)) {
                    continue; // comments, event names, blank separators
                }
                String data = line.substring(DATA.length()).strip();
                if (data.equals("[DONE]")) {
                    return state.completion();
                }
                state.accept(parse(data, state.streamedText), onDelta);
            }
        } catch (IOException e) {
            if (!stalled.get()) {
                throw new ChatModelException(Kind.BROKEN, state.streamedText, null,
                        "the chat endpoint's stream broke: " + e.getMessage(), e);
            }
        } finally {
            cutOff.cancel(false);
        }
        if (stalled.get()) {
            throw new ChatModelException(Kind.STALLED, state.streamedText, null, "the chat endpoint sent nothing for "
                    + endpoint.idleTimeout().toSeconds() + " s", null);
        }
        throw new ChatModelException(Kind.BROKEN, state.streamedText, null,
                "the chat endpoint's stream ended before [DONE]", null);
    }

    private ScheduledFuture<?> schedule(InputStream body, AtomicBoolean stalled) {
        return watchdog.schedule(() -> {
            stalled.set(true);
            try {
                body.close(); // unblocks the reader
            } catch (IOException e) {
                // already closed
            }
        }, endpoint.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static JsonNode parse(String data, boolean streamedText) {
        try {
            JsonNode chunk = JSON.readTree(data);
            if (chunk == null || !chunk.isObject()) {
                throw new IOException("not a JSON object");
            }
            return chunk;
        } catch (IOException e) {
            throw new ChatModelException(Kind.MALFORMED, streamedText, null, "the chat endpoint sent a chunk that is "
                    + "not a completion: " + (data.length() > 200 ? data.substring(0, 200) + "…" : data), e);
        }
    }

    /** What the chunks so far said: ids, the finish reason, usage, and whether any text came. */
    private static final class StreamState {
        String responseId;
        String model;
        String finishReason;
        Usage usage = new Usage(0, 0);
        boolean streamedText;

        void accept(JsonNode chunk, Consumer<String> onDelta) {
            responseId = chunk.path("id").asText(responseId);
            model = chunk.path("model").asText(model);
            JsonNode choice = chunk.path("choices").path(0);
            String text = choice.path("delta").path("content").asText("");
            if (!text.isEmpty()) {
                streamedText = true;
                onDelta.accept(text);
            }
            if (choice.hasNonNull("finish_reason")) {
                finishReason = choice.get("finish_reason").asText();
            }
            JsonNode reported = chunk.path("usage");
            if (reported.isObject()) {
                usage = new Usage(reported.path("prompt_tokens").asLong(), reported.path("completion_tokens").asLong());
            }
        }

        Completion completion() {
            return new Completion(responseId, model, finishReason == null ? "stop" : finishReason, usage);
        }
    }
}
