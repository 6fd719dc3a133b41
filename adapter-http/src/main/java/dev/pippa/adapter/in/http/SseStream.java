package dev.pippa.adapter.in.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A text/event-stream response, written field by field and flushed per event. Hand-written rather than
 * Helidon's SseSink, which cannot send the {@code retry:} field clients need to pace reconnects.
 */
final class SseStream implements AutoCloseable {

    private final OutputStream out;

    SseStream(ServerResponse response) {
        response.status(Status.OK_200);
        response.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8"));
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        response.header(HeaderNames.create("X-Accel-Buffering"), "no"); // nginx: pass each event on at once
        this.out = response.outputStream();
    }

    /** The reconnect delay, and a comment so the client sees the stream is open. */
    void open(Duration reconnect) {
        write("retry: " + reconnect.toMillis() + "\n: open\n\n");
    }

    void event(String id, String name, byte[] data) {
        StringBuilder head = new StringBuilder(160);
        if (id != null) {
            head.append("id: ").append(id).append('\n');
        }
        head.append("event: ").append(name).append('\n').append("data: ");
        try {
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(data); // compact JSON: one line
            out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void comment(String text) {
        write(": " + text + "\n\n");
    }

    private void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // the client is gone already
        }
    }
}
