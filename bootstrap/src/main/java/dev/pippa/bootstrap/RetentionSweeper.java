package dev.pippa.bootstrap;

import dev.pippa.application.service.Retention;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import java.time.Duration;

/**
 * Runs retention ({@code PIPPA_RETENTION_DAYS}) soon after start and then every hour: batches of
 * {@link #BATCH} conversations, each deleted in its own transaction, with a pause between batches so
 * writers interleave. Every node may run it; two nodes deleting the same conversation is harmless.
 */
final class RetentionSweeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RetentionSweeper.class.getName());
    private static final int BATCH = 100;
    private static final Duration FIRST_RUN = Duration.ofMinutes(1);
    private static final Duration EVERY = Duration.ofHours(1);
    private static final Duration BETWEEN_BATCHES = Duration.ofMillis(50);

    private final Retention retention;
    private final Counter deleted = Metrics.getOrCreate(Counter.builder("pippa.retention.deleted")
            .description("Conversations deleted by retention (PIPPA_RETENTION_DAYS)"));
    private final Thread thread;

    RetentionSweeper(Retention retention) {
        this.retention = retention;
        this.thread = Thread.ofVirtual().name("pippa-retention").start(this::run);
    }

    private void run() {
        try {
            Thread.sleep(FIRST_RUN);
            while (true) {
                sweep();
                Thread.sleep(EVERY);
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    private void sweep() throws InterruptedException {
        long total = 0;
        try {
            int batch;
            do {
                batch = retention.deleteExpired(BATCH);
                deleted.increment(batch);
                total += batch;
                Thread.sleep(BETWEEN_BATCHES);
            } while (batch == BATCH);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "retention stopped early (" + e.getMessage() + "); next run in "
                    + EVERY.toMinutes() + " min");
        }
        if (total > 0) {
            LOG.log(System.Logger.Level.INFO, "retention deleted " + total + " idle conversations");
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
