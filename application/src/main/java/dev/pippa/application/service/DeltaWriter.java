package dev.pippa.application.service;

import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.domain.generation.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Gathers a reply's streamed text and writes it as delta events now and then (a few per second, not one
 * per token), checking for a cancel with each write. Cut-offs are thrown inside the model's stream, which
 * stops reading it.
 */
final class DeltaWriter {

    /** The caller cancelled: stop reading the model. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** The generation ran past its timeout: stop reading the model. */
    static final class TimedOut extends RuntimeException {
        TimedOut() {
            super(null, null, false, false);
        }
    }

    private final ConversationStore store;
    private final Response response;
    private final Clock time;
    private final WriteClock clock;
    private final int flushChars;
    private final Duration flushEvery;
    private final Instant deadline;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder pending = new StringBuilder();
    private Instant lastFlush;
    private Instant firstText;

    /** @param timeout how long the whole generation may take, from now */
    DeltaWriter(ConversationStore store, Response response, Clock time, Generator.Settings settings) {
        this.store = store;
        this.response = response;
        this.time = time;
        this.clock = new WriteClock(time);
        this.flushChars = settings.flushChars();
        this.flushEvery = settings.flushEvery();
        this.lastFlush = time.instant();
        this.deadline = lastFlush.plus(settings.timeout());
    }

    void add(String delta) {
        if (firstText == null) {
            firstText = time.instant();
        }
        text.append(delta);
        pending.append(delta);
        if (time.instant().isAfter(deadline)) {
            flushQuietly();
            throw new TimedOut();
        }
        if (pending.length() >= flushChars || !time.instant().isBefore(lastFlush.plus(flushEvery))) {
            flush();
        }
    }

    /** All the text so far. */
    String text() {
        return text.toString();
    }

    /** When the first text came; null before. */
    Instant firstText() {
        return firstText;
    }

    void flush() {
        String gathered = pending.toString();
        pending.setLength(0);
        lastFlush = time.instant();
        boolean cancelled = store.write(tx -> {
            if (!gathered.isEmpty()) {
                tx.recordEvents(List.of(NewEvent.delta(response.owner(), response.conversationId(), response.id(),
                        gathered)), clock.now());
            }
            return tx.response(response.owner(), response.id()).map(Response::cancelRequested).orElse(true);
        });
        if (cancelled) {
            throw new Cancelled();
        }
    }

    /** After a failure: keep what was streamed, whatever happens to this write. */
    void flushQuietly() {
        try {
            flush();
        } catch (Cancelled e) {
            // ending anyway
        }
    }
}
