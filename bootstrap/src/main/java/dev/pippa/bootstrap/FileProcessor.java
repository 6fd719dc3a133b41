package dev.pippa.bootstrap;

import dev.pippa.application.service.FileService;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Processes uploaded files in the background, one at a time per node: takes the text out, chunks and embeds
 * it. It looks at once after an upload here ({@link #wake}), and every {@link #POLL} for files uploaded on
 * other nodes or left by a worker that died. A failure of the model is retried after {@link #AFTER_FAILURE}.
 */
final class FileProcessor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FileProcessor.class.getName());
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(30);

    private final FileService files;
    private final Semaphore uploaded = new Semaphore(0);
    private final Thread thread;

    FileProcessor(FileService files) {
        this.files = files;
        this.thread = Thread.ofVirtual().name("pippa-files").start(this::run);
    }

    /** A file was uploaded on this node. */
    void wake() {
        uploaded.release();
    }

    private void run() {
        try {
            while (true) {
                try {
                    if (files.processNext()) {
                        continue;
                    }
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "file processing failed (" + e.getMessage() + "); the file"
                            + " is tried again when its lease runs out");
                    Thread.sleep(AFTER_FAILURE);
                }
                if (uploaded.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                    uploaded.drainPermits();
                }
            }
        } catch (InterruptedException e) {
            // closing: a file being processed is taken up again when its lease runs out
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
