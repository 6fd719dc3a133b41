package dev.pippa.bootstrap;

import dev.pippa.application.service.BackgroundJobs;
import dev.pippa.domain.job.Job;
import dev.pippa.domain.job.JobId;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The chat workers: one dispatcher leases due generations while fewer than {@code slots} run, runs each on
 * its own virtual thread (a generation mostly waits on the model), and renews the running ones' leases in
 * one write every few seconds. Indexing and summaries never wait behind a generation ({@link JobWorkers}).
 */
final class GenerationWorkers {

    private static final System.Logger LOG = System.getLogger(GenerationWorkers.class.getName());
    private static final Duration RENEW_EVERY = BackgroundJobs.GENERATION_LEASE.dividedBy(4);

    private final BackgroundJobs jobs;
    private final int size;
    private final Semaphore slots;
    private final Set<JobId> running = ConcurrentHashMap.newKeySet();
    private final Thread dispatcher;
    private volatile boolean stopping;

    GenerationWorkers(BackgroundJobs jobs, int slots) {
        this.jobs = jobs;
        this.size = slots;
        this.slots = new Semaphore(slots);
        this.dispatcher = Thread.ofVirtual().name("pippa-chat-dispatcher").start(this::dispatch);
    }

    private void dispatch() {
        long nextRenewal = System.nanoTime() + RENEW_EVERY.toNanos();
        while (!stopping) {
            try {
                int free = slots.availablePermits();
                List<Job> leased = free == 0 ? List.of() : jobs.leaseGenerations(free);
                leased.forEach(this::start);
                if (System.nanoTime() - nextRenewal >= 0) {
                    jobs.renewGenerations(List.copyOf(running));
                    nextRenewal = System.nanoTime() + RENEW_EVERY.toNanos();
                }
                if (leased.isEmpty()) {
                    LockSupport.parkNanos(JobWorkers.IDLE_PAUSE.toNanos()); // or until woken
                }
            } catch (RuntimeException e) {
                // the store refused (overloaded or closing): unrenewed leases run out and are taken again
                LOG.log(System.Logger.Level.WARNING, "chat dispatcher: " + e.getMessage());
                pause();
            }
        }
    }

    /** A generation was queued on this node: look now (others are found at the next poll). */
    void wake() {
        LockSupport.unpark(dispatcher);
    }

    private void start(Job job) {
        slots.acquireUninterruptibly(); // never blocks: at most the free permits were leased
        running.add(job.id());
        Thread.ofVirtual().name("pippa-chat-" + job.id().value()).start(() -> {
            try {
                jobs.runGeneration(job);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "generation " + job.id().value() + ": " + e.getMessage());
            } finally {
                running.remove(job.id());
                slots.release();
            }
        });
    }

    private void pause() {
        try {
            Thread.sleep(JobWorkers.IDLE_PAUSE.multipliedBy(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes no more generations and waits up to {@code timeout} for the running ones. One still running
     * then is cut off with the process; its lease runs out and the next run ends it {@code interrupted}.
     */
    void stop(Duration timeout) {
        stopping = true;
        dispatcher.interrupt();
        try {
            if (slots.tryAcquire(size, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                slots.release(size);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
