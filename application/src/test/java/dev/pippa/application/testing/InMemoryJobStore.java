package dev.pippa.application.testing;

import dev.pippa.domain.job.Job;
import dev.pippa.domain.job.JobCounts;
import dev.pippa.domain.job.JobId;
import dev.pippa.application.port.out.JobSelection;
import dev.pippa.application.port.out.JobStore;
import dev.pippa.domain.job.NewJob;
import dev.pippa.domain.TimeOrderedIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link JobStore} in memory, for unit tests of the application's background work. */
public final class InMemoryJobStore implements JobStore {

    private static final class Entry {
        final JobId id;
        final NewJob work;
        final Instant createdAt;
        int attempts;
        Instant runAfter;
        Instant leasedUntil;
        boolean failed;
        String lastError;

        Entry(JobId id, NewJob work, Instant createdAt) {
            this.id = id;
            this.work = work;
            this.createdAt = createdAt;
            this.runAfter = createdAt;
        }
    }

    private final Clock clock;
    private final Map<JobId, Entry> entries = new LinkedHashMap<>();

    public InMemoryJobStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void enqueueJobs(List<NewJob> jobs) {
        for (NewJob work : jobs) {
            JobId id = JobId.next(TimeOrderedIds.shared());
            entries.put(id, new Entry(id, work, clock.instant()));
        }
    }

    @Override
    public synchronized List<Job> leaseJobs(int max, Duration lease, JobSelection which) {
        Instant now = clock.instant();
        List<Job> leased = new ArrayList<>();
        for (Entry entry : entries.values().stream().sorted(Comparator.comparing((Entry e) -> e.runAfter)
                .thenComparing(e -> e.id.value())).toList()) {
            boolean due = which.takes(entry.work.kind()) && !entry.failed && !entry.runAfter.isAfter(now)
                    && (entry.leasedUntil == null || !entry.leasedUntil.isAfter(now));
            if (due && leased.size() < max) {
                entry.attempts++;
                entry.leasedUntil = now.plus(lease);
                leased.add(new Job(entry.id, entry.work, entry.attempts, entry.createdAt));
            }
        }
        return leased;
    }

    @Override
    public synchronized void renewLeases(List<JobId> ids, Duration lease) {
        Instant until = clock.instant().plus(lease);
        ids.stream().map(entries::get).filter(entry -> entry != null && !entry.failed)
                .forEach(entry -> entry.leasedUntil = until);
    }

    @Override
    public synchronized void completeJobs(List<JobId> ids) {
        ids.forEach(entries::remove);
    }

    @Override
    public synchronized void retryJob(JobId id, Instant runAfter, String error) {
        Entry entry = entries.get(id);
        entry.runAfter = runAfter;
        entry.leasedUntil = null;
        entry.lastError = error;
    }

    @Override
    public synchronized void failJob(JobId id, String error) {
        Entry entry = entries.get(id);
        entry.failed = true;
        entry.leasedUntil = null;
        entry.lastError = error;
    }

    @Override
    public synchronized JobCounts countJobs() {
        Instant now = clock.instant();
        long running = entries.values().stream()
                .filter(e -> !e.failed && e.leasedUntil != null && e.leasedUntil.isAfter(now)).count();
        long failed = entries.values().stream().filter(e -> e.failed).count();
        return new JobCounts(entries.size() - running - failed, running, failed);
    }
}
