package dev.pippa.bootstrap;

import dev.pippa.application.service.LiveEvents;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Metrics;
import java.time.Duration;

/**
 * The thread that drives the node's event hub: on each sign of new events (or every second, in case a
 * sign was lost: another node's NOTIFY during a reconnect) it reads them once and hands them to the
 * subscribers; once an hour it forgets events past their retention. Its figures are in /observe/metrics.
 */
final class EventPump implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EventPump.class.getName());
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration FORGET_EVERY = Duration.ofHours(1);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

    private final LiveEvents events;
    private final Gauge<Integer> openStreams;
    private final Counter read;
    private final Thread thread;
    private volatile boolean closed;

    EventPump(LiveEvents events) {
        this.events = events;
        this.openStreams = Metrics.getOrCreate(Gauge.builder("pippa.events.streams", events::openStreams)
                .description("Event streams (SSE and WebSocket) open on this node"));
        this.read = Metrics.getOrCreate(Counter.builder("pippa.events.read")
                .description("Events this node read from the store and handed to its subscribers"));
        this.thread = Thread.ofPlatform().daemon().name("pippa-events").start(this::run);
    }

    private void run() {
        long nextForget = System.nanoTime();
        while (!closed) {
            try {
                events.awaitSignal(POLL);
                read.increment(events.pump());
                if (System.nanoTime() - nextForget >= 0) {
                    nextForget = System.nanoTime() + FORGET_EVERY.toNanos();
                    long forgotten = events.forgetOldEvents();
                    if (forgotten > 0) {
                        LOG.log(System.Logger.Level.INFO, "forgot " + forgotten + " events past their retention");
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "reading new events failed (" + e.getMessage()
                        + "); retrying in " + AFTER_FAILURE.toSeconds() + " s");
                try {
                    Thread.sleep(AFTER_FAILURE);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Metrics.globalRegistry().remove(openStreams);
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
