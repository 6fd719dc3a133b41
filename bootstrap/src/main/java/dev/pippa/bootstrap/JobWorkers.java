package dev.pippa.bootstrap;

import dev.pippa.application.service.BackgroundJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Virtual threads that run due jobs until stopped. An idle worker looks again after {@link #IDLE_PAUSE}
 * (a read on the pool, never the writer), so a job waits well under a second before it starts.
 */
final class JobWorkers {

    private static final System.Logger LOG = System.getLogger(JobWorkers.class.getName());
    static final Duration IDLE_PAUSE = Duration.ofMillis(100);
    /**
     * Jobs leased at a time. Each lease costs three writer transactions (lease, index, complete) however
     * many jobs it holds: draining the jobs of 4,000 messages took 966 ms 16 at a time, 410 ms at 64 and
     * 296 ms at 256 (bench/store.sh JobsBenchmark).
     */
    private static final int BATCH = 256;

    private final BackgroundJobs jobs;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    JobWorkers(BackgroundJobs jobs, int count) {
        this.jobs = jobs;
        for (int i = 0; i < count; i++) {
            threads.add(Thread.ofVirtual().name("pippa-job-worker-" + i).start(this::work));
        }
    }

    private void work() {
        while (running) {
            try {
                if (jobs.runDue(BATCH) == 0) {
                    Thread.sleep(IDLE_PAUSE);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the store refused (e.g. overloaded or closing): leases expire, the jobs are taken again
                LOG.log(System.Logger.Level.WARNING, "job worker: " + e.getMessage());
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(IDLE_PAUSE.multipliedBy(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops taking jobs and waits up to {@code timeout} for the running ones to finish; a job still running
     * after that keeps its lease until it expires and runs again after the next start.
     */
    void stop(Duration timeout) {
        running = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            try {
                if (!thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
