package dev.pippa.adapter.out.openai;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** The request both the summariser and the chat model send: a JSON POST to {@code {base}/chat/completions}. */
final class ChatCompletions {

    private ChatCompletions() {
    }

    /** With the API key as a bearer token, when there is one (local servers need none). */
    static HttpRequest.Builder post(URI baseUrl, String apiKey, Duration timeout, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.toString().replaceAll("/+$", "")
                        + "/chat/completions"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request;
    }
}
