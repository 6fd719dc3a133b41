package dev.pippa.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small JSON client over java.net.http for tests against a server on a real port. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, java.net.http.HttpHeaders headers, byte[] raw) {

        String body() {
            return new String(raw, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body(), e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String[] defaultHeaders;

    /** @param defaultHeaders name, value pairs sent with every request (e.g. Authorization) */
    ApiClient(int port, String... defaultHeaders) {
        this.base = "http://127.0.0.1:" + port;
        this.defaultHeaders = defaultHeaders;
    }

    Reply get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    Reply post(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    Reply patch(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    /** A form-encoded POST (the OAuth2 token request). */
    Reply postForm(String path, String form) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Reply send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < defaultHeaders.length; i += 2) {
            request.setHeader(defaultHeaders[i], defaultHeaders[i + 1]);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    /** A gauge's or counter's value from the Prometheus text of /observe/metrics (the first series of it). */
    double metric(String name) {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.E+-]+)$")
                .matcher(get("/observe/metrics").body());
        if (!value.find()) {
            throw new IllegalStateException(name + " is not in /observe/metrics");
        }
        return Double.parseDouble(value.group(2));
    }

    /** Creates a conversation and returns its id. */
    String newConversation(String title) {
        return post("/v1/conversations", "{\"title\":\"" + title + "\"}").json().get("id").asText();
    }

    /** Posts a user message and returns its id. */
    String postMessage(String conversationId, String content) {
        return post("/v1/conversations/" + conversationId + "/messages",
                "{\"role\":\"user\",\"content\":\"" + content + "\"}").json().get("id").asText();
    }
}
