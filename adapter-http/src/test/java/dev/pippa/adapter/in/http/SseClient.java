package dev.pippa.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test client for text/event-stream: parses events as a browser's EventSource does (id, event, data,
 * retry, comments) on a thread of its own, and hands them over in order. Every wait is bounded, generously:
 * a verdict never depends on how fast the machine is.
 */
public final class SseClient implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** One dispatched event; {@code id} is null when the event had none. */
    public record Event(String id, String type, String data) {
        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile long retryMillis = -1;
    private volatile byte[] errorBody;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.ofVirtual().start(this::read);
        } else {
            try (InputStream body = response.body()) {
                errorBody = body.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ended.countDown();
        }
    }

    /** Opens the stream; {@code headers} are name, value pairs. */
    public static SseClient open(URI uri, String... headers) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET(), headers);
    }

    /** A stream that answers a POST of {@code json} (a reply asked for with {@code stream: true}). */
    public static SseClient post(URI uri, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    private static SseClient send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new SseClient(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The problem body of a refused stream. */
    public JsonNode problem() {
        try {
            return JSON.readTree(errorBody);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next event; fails the test when none comes within {@link #PATIENCE}. */
    public Event next() {
        try {
            Event event = events.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + PATIENCE.toSeconds() + " s");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<Event> next(int count) {
        List<Event> received = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            received.add(next());
        }
        return received;
    }

    /** An event already received, if any, without waiting. */
    public Event poll() {
        return events.poll();
    }

    /** Waits (bounded) for the server to end the stream; true if it did. */
    public boolean awaitEnd() throws InterruptedException {
        return ended.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean hasEnded() {
        return ended.getCount() == 0;
    }

    public int comments() {
        return comments.get();
    }

    public long retryMillis() {
        return retryMillis;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, type == null ? "message" : type, data.toString()));
                    }
                    id = null;
                    type = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> type = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        case "retry" -> retryMillis = Long.parseLong(value);
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // closed by us or the server
        } finally {
            ended.countDown();
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
