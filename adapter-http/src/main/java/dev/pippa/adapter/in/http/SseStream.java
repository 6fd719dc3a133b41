package dev.pippa.adapter.in.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.pippa.application.port.in.EventInbox;
import dev.pippa.domain.event.Event;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

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

    /**
     * Writes the inbox's {@code wanted} events until one that is {@code last} (then the stream is complete),
     * or the inbox ends (then a final {@code stream.ended} event, without an id, tells the client to resume
     * from the last id it got), with a heartbeat comment after each quiet {@code heartbeat}. Each event's
     * data is what {@code render} makes of it ({@link EventFrames#data} unless a stream adds to it).
     */
    void relay(EventInbox inbox, Duration heartbeat, Function<Event, String> idOf, Predicate<Event> wanted,
               Predicate<Event> last, Function<Event, Object> render) throws InterruptedException {
        while (true) {
            switch (inbox.next(heartbeat)) {
                case EventInbox.Delivered delivered when wanted.test(delivered.event()) -> {
                    Event event = delivered.event();
                    event(idOf.apply(event), event.type().wireName(), Json.write(render.apply(event)));
                    if (last.test(event)) {
                        return;
                    }
                }
                case EventInbox.Delivered other -> { }
                case EventInbox.Quiet quiet -> comment("keep-alive");
                case EventInbox.Ended ended -> {
                    event(null, "stream.ended", Json.write(EventFrames.EndedJson.of(ended.reason())));
                    return;
                }
            }
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
