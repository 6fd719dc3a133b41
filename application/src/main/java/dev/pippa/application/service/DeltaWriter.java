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
 * stops reading it. Text followed by a pause is written by {@link #tick} (called from a timer thread), so
 * readers see it within {@code flushEvery} even while the model is silent. Used by two threads: the
 * model's reader and the timer.
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
    private boolean cancelled;

    /** Its settings' timeout counts from now. */
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

    synchronized void add(String delta) {
        if (cancelled) {
            throw new Cancelled();
        }
        boolean first = firstText == null;
        if (first) {
            firstText = time.instant();
        }
        text.append(delta);
        pending.append(delta);
        if (time.instant().isAfter(deadline)) {
            flushQuietly();
            throw new TimedOut();
        }
        // The first text goes out at once: the wait for it is the one a user notices.
        if (first || pending.length() >= flushChars || !time.instant().isBefore(lastFlush.plus(flushEvery))) {
            flush();
        }
    }

    /** Writes text that has waited {@code flushEvery}; a cancel found is thrown at the next delta. */
    synchronized void tick() {
        if (!cancelled && pending.length() > 0 && !time.instant().isBefore(lastFlush.plus(flushEvery))) {
            try {
                flush();
            } catch (Cancelled e) {
                cancelled = true;
            }
        }
    }

    /** All the text so far. */
    synchronized String text() {
        return text.toString();
    }

    /** When the first text came; null before. */
    synchronized Instant firstText() {
        return firstText;
    }

    synchronized void flush() {
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
    synchronized void flushQuietly() {
        try {
            flush();
        } catch (Cancelled e) {
            // ending anyway
        }
    }
}
