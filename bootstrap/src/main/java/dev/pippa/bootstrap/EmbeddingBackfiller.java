package dev.pippa.bootstrap;

import dev.pippa.application.service.MessageEmbeddings;
import java.time.Duration;

/**
 * Embeds, in the background after start, every message stored without a vector of the configured model:
 * those from before embeddings were turned on, or made by another model. Batches of {@link #BATCH}, one
 * write each; what is stored is the progress, so a back-fill stopped by {@code kill -9} resumes at the
 * next start. New and edited messages are embedded by their index jobs meanwhile.
 */
final class EmbeddingBackfiller implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddingBackfiller.class.getName());
    private static final int BATCH = 64;
    private static final int PROGRESS_EVERY = 10_000;
    private static final Duration AFTER_FAILURE = Duration.ofMinutes(1);

    private final MessageEmbeddings embeddings;
    private final Thread thread;

    EmbeddingBackfiller(MessageEmbeddings embeddings) {
        this.embeddings = embeddings;
        this.thread = Thread.ofVirtual().name("pippa-embedding-backfill").start(this::run);
    }

    private void run() {
        long done = 0;
        try {
            while (true) {
                try {
                    int batch = embeddings.backfill(BATCH);
                    if (batch == 0) {
                        break;
                    }
                    if ((done + batch) / PROGRESS_EVERY > done / PROGRESS_EVERY) {
                        LOG.log(System.Logger.Level.INFO, "embedding back-fill: " + (done + batch) + " messages so far");
                    }
                    done += batch;
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "embedding back-fill paused after " + done + " messages ("
                            + e.getMessage() + "); retrying in " + AFTER_FAILURE.toSeconds() + " s");
                    Thread.sleep(AFTER_FAILURE);
                }
            }
        } catch (InterruptedException e) {
            return; // closing: the next start goes on from what is stored
        }
        if (done > 0) {
            LOG.log(System.Logger.Level.INFO, "embedding back-fill done: " + done + " messages embedded");
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
