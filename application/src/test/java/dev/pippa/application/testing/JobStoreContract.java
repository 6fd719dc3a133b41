package dev.pippa.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.port.out.JobSelection;
import dev.pippa.application.port.out.JobStore;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.job.Job;
import dev.pippa.domain.job.JobCounts;
import dev.pippa.domain.job.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link JobStore} must have; each implementation runs it by extending this class. */
public abstract class JobStoreContract {

    protected static final Duration LEASE = Duration.ofSeconds(30);
    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    protected JobStore jobs;

    /** A new, empty job store on {@link #clock}. */
    protected abstract JobStore openJobStore() throws Exception;

    /** The same queue seen from another node (another pool or process); a store that cannot have two gives its one. */
    protected JobStore openSecondNode() throws Exception {
        return jobs;
    }

    @BeforeEach
    void open() throws Exception {
        jobs = openJobStore();
    }

    protected static NewJob work(String kind) {
        return new NewJob(kind, new OwnerId("worker-test"), ConversationId.next(TimeOrderedIds.shared()),
                MessageId.next(TimeOrderedIds.shared()));
    }

    @Test
    void givenQueuedJobs_whenLeased_thenOldestFirstUpToTheMaxEachWithItsFirstAttempt() {
        jobs.enqueueJobs(List.of(work("a"), work("b"), work("c")));

        List<Job> leased = jobs.leaseJobs(2, LEASE);

        assertThat(leased).extracting(job -> job.work().kind()).containsExactly("a", "b");
        assertThat(leased).allMatch(job -> job.attempts() == 1);
        assertThat(jobs.countJobs()).isEqualTo(new JobCounts(1, 2, 0));
    }

    @Test
    void givenALeasedJob_whenLeasingAgainBeforeTheLeaseRunsOut_thenNobodyElseGetsIt() {
        jobs.enqueueJobs(List.of(work("once")));
        jobs.leaseJobs(10, LEASE);

        assertThat(jobs.leaseJobs(10, LEASE)).isEmpty();
    }

    @Test
    void givenAJobWhoseWorkerDied_whenItsLeaseRunsOut_thenItIsLeasedAgainWithAnotherAttempt() {
        NewJob work = work("orphan");
        jobs.enqueueJobs(List.of(work));
        jobs.leaseJobs(10, LEASE);

        clock.advance(LEASE.plusSeconds(1));
        List<Job> again = jobs.leaseJobs(10, LEASE);

        assertThat(again).singleElement().satisfies(job -> {
            assertThat(job.work()).isEqualTo(work);
            assertThat(job.attempts()).isEqualTo(2);
        });
    }

    @Test
    void givenJobsOfTwoKinds_whenLeasedBySelection_thenEachWorkerGetsOnlyItsKinds() {
        jobs.enqueueJobs(List.of(work("index"), work("generate"), work("summarize"), work("generate")));

        List<Job> generations = jobs.leaseJobs(10, LEASE, JobSelection.only("generate"));
        List<Job> others = jobs.leaseJobs(10, LEASE, JobSelection.allBut("generate"));

        assertThat(generations).extracting(job -> job.work().kind()).containsExactly("generate", "generate");
        assertThat(others).extracting(job -> job.work().kind()).containsExactly("index", "summarize");
        assertThat(jobs.leaseJobs(10, LEASE, JobSelection.EVERY)).isEmpty();
    }

    @Test
    void givenARenewedLease_whenTheFirstLeaseWouldHaveRunOut_thenNobodyElseGetsTheJobUntilTheRenewalRunsOut() {
        jobs.enqueueJobs(List.of(work("long")));
        Job job = jobs.leaseJobs(10, LEASE).getFirst();

        clock.advance(LEASE.minusSeconds(1));
        jobs.renewLeases(List.of(job.id()), LEASE);
        clock.advance(Duration.ofSeconds(2));
        List<Job> whileRenewed = jobs.leaseJobs(10, LEASE);
        clock.advance(LEASE);
        List<Job> afterTheRenewal = jobs.leaseJobs(10, LEASE);

        assertThat(whileRenewed).isEmpty();
        assertThat(afterTheRenewal).singleElement().satisfies(again -> assertThat(again.attempts()).isEqualTo(2));
    }

    @Test
    void givenACompletedJob_whenLeasingOrCounting_thenItIsGone() {
        jobs.enqueueJobs(List.of(work("done")));
        Job job = jobs.leaseJobs(10, LEASE).getFirst();

        jobs.completeJobs(List.of(job.id()));
        clock.advance(LEASE.plusSeconds(1));

        assertThat(jobs.leaseJobs(10, LEASE)).isEmpty();
        assertThat(jobs.countJobs()).isEqualTo(new JobCounts(0, 0, 0));
    }

    @Test
    void givenARetriedJob_whenLeasedBeforeAndAfterItsTime_thenItWaitsThenRunsAgain() {
        jobs.enqueueJobs(List.of(work("flaky")));
        Job first = jobs.leaseJobs(10, LEASE).getFirst();

        jobs.retryJob(first.id(), clock.instant().plusSeconds(10), "boom");

        assertThat(jobs.leaseJobs(10, LEASE)).isEmpty();
        assertThat(jobs.countJobs()).isEqualTo(new JobCounts(1, 0, 0));
        clock.advance(Duration.ofSeconds(10));
        assertThat(jobs.leaseJobs(10, LEASE)).singleElement().extracting(Job::attempts).isEqualTo(2);
    }

    @Test
    void givenAFailedJob_whenLeasing_thenItIsNeverRunAgainButCounted() {
        jobs.enqueueJobs(List.of(work("hopeless")));
        Job job = jobs.leaseJobs(10, LEASE).getFirst();

        jobs.failJob(job.id(), "gave up");
        clock.advance(Duration.ofDays(1));

        assertThat(jobs.leaseJobs(10, LEASE)).isEmpty();
        assertThat(jobs.countJobs()).isEqualTo(new JobCounts(0, 0, 1));
    }

    @Test
    void givenWorkersOnTwoNodesLeasingAtOnce_whenTheQueueDrains_thenEveryJobIsLeasedByExactlyOne() throws Exception {
        List<NewJob> queued = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queued.add(work("job-" + i));
        }
        jobs.enqueueJobs(queued);
        JobStore other = openSecondNode();
        ConcurrentLinkedQueue<String> leased = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        try (var executor = Executors.newFixedThreadPool(8)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                JobStore node = w % 2 == 0 ? jobs : other;
                workers.add(executor.submit(() -> {
                    start.await();
                    List<Job> batch;
                    while (!(batch = node.leaseJobs(3, LEASE)).isEmpty()) {
                        batch.forEach(job -> leased.add(job.work().kind()));
                        node.completeJobs(batch.stream().map(Job::id).toList());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
        } finally {
            if (other != jobs && other instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }

        assertThat(leased).hasSize(200).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(queued.stream().map(NewJob::kind).toList());
        assertThat(jobs.countJobs()).isEqualTo(new JobCounts(0, 0, 0));
    }
}
