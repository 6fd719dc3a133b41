package dev.pippa.application.port.out;

import dev.pippa.domain.job.Job;
import dev.pippa.domain.job.JobCounts;
import dev.pippa.domain.job.JobId;
import dev.pippa.domain.job.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The durable job queue's port. Jobs enter with the messages that cause them (see {@link MessageJobs});
 * workers lease them, and a lease that runs out (its worker died) makes the job due again.
 */
public interface JobStore {

    /** Queues jobs not caused by a new message (those come with it); due at once. */
    void enqueueJobs(List<NewJob> jobs);

    /**
     * Leases up to {@code max} due jobs (pending, {@code run_after} passed, no live lease), oldest first,
     * for {@code lease}, counting one more attempt on each.
     */
    default List<Job> leaseJobs(int max, Duration lease) {
        return leaseJobs(max, lease, JobSelection.EVERY);
    }

    /** As {@link #leaseJobs(int, Duration)}, only among the jobs {@code which} takes. */
    List<Job> leaseJobs(int max, Duration lease, JobSelection which);

    /**
     * Extends the leases of jobs still running to {@code lease} from now, so a long job keeps its lease
     * while its worker lives, and loses it soon after the worker dies.
     */
    void renewLeases(List<JobId> ids, Duration lease);

    /** Done: the jobs are removed, in one write. */
    void completeJobs(List<JobId> ids);

    /** Failed this time: due again at {@code runAfter}; the error is kept. */
    void retryJob(JobId id, Instant runAfter, String error);

    /** Failed for good: kept, with its last error, and never leased again. */
    void failJob(JobId id, String error);

    JobCounts countJobs();
}
