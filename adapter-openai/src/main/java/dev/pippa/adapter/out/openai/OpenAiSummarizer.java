package dev.pippa.adapter.out.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pippa.application.port.out.Summarizer;
import dev.pippa.domain.Message;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Summaries from any OpenAI-compatible {@code POST {base}/chat/completions} endpoint (OpenAI, Azure-style
 * gateways, vLLM, Ollama, llama.cpp). Every failure (refused connection, timeout, non-2xx, a body that is
 * not the expected JSON) is an exception with a clear message: the job runner retries and finally records
 * it. The API key is sent only in the Authorization header and never appears in a message.
 */
public final class OpenAiSummarizer implements Summarizer {

    /** How to reach the endpoint. */
    public record Endpoint(URI baseUrl, String model, String apiKey, Duration timeout) {

        public Endpoint {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String toString() {
            return "Endpoint[" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "redacted") + "]";
        }
    }

    static final String INSTRUCTIONS = "Summarise this conversation in a few sentences: who wants what, what was "
            + "decided, what is still open. When a summary so far is given, update it with the new messages, keeping "
            + "what still matters. Reply with the summary only.";
    private static final int MAX_TRANSCRIPT_CHARS = 48_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Endpoint endpoint;
    private final HttpClient client;

    public OpenAiSummarizer(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.client = HttpClient.newBuilder().connectTimeout(endpoint.timeout()).build();
    }

    @Override
    public String summarize(Optional<String> current, List<Message> messages) {
        HttpRequest.Builder request = ChatCompletions.post(endpoint.baseUrl(), endpoint.apiKey(), endpoint.timeout(),
                requestBody(current, messages));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new IllegalStateException("the summary endpoint did not answer within " + endpoint.timeout().toSeconds() + " s", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the summary endpoint " + endpoint.baseUrl() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the summary endpoint", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("the summary endpoint answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return summaryFrom(response.body());
    }

    private String requestBody(Optional<String> current, List<Message> messages) {
        StringBuilder transcript = new StringBuilder();
        current.ifPresent(summary -> transcript.append("Summary so far:\n").append(summary).append("\n\nNew messages:\n"));
        for (Message message : messages) {
            transcript.append(message.role().wireName()).append(": ").append(message.content()).append('\n');
        }
        // The latest part of very long messages matters most.
        String text = transcript.length() <= MAX_TRANSCRIPT_CHARS ? transcript.toString()
                : transcript.substring(transcript.length() - MAX_TRANSCRIPT_CHARS);
        ObjectNode body = JSON.createObjectNode().put("model", endpoint.model()).put("temperature", 0);
        ArrayNode chat = body.putArray("messages");
        chat.addObject().put("role", "system").put("content", INSTRUCTIONS);
        chat.addObject().put("role", "user").put("content", text);
        return body.toString();
    }

    static String summaryFrom(String body) {
        JsonNode content;
        try {
            content = JSON.readTree(body).path("choices").path(0).path("message").path("content");
        } catch (IOException e) {
            throw new IllegalStateException("the summary endpoint answered something that is not JSON: " + abbreviate(body), e);
        }
        if (!content.isTextual() || content.textValue().isBlank()) {
            throw new IllegalStateException("the summary endpoint's answer has no choices[0].message.content: "
                    + abbreviate(body));
        }
        return content.textValue().strip();
    }

    private static String abbreviate(String text) {
        String single = String.valueOf(text).replaceAll("\\s+", " ");
        return single.length() <= 200 ? single : single.substring(0, 200) + "...";
    }
}
