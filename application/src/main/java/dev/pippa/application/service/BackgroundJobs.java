package dev.pippa.application.service;

import dev.pippa.application.port.out.JobObserver;
import dev.pippa.application.port.out.Summarizer;
import dev.pippa.domain.event.EventType;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.domain.job.Job;
import dev.pippa.application.port.out.ChatModelException;
import dev.pippa.application.port.out.JobSelection;
import dev.pippa.application.port.out.JobStore;
import dev.pippa.domain.job.JobId;
import dev.pippa.domain.Message;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.domain.job.NewJob;
import dev.pippa.domain.Summary;
import dev.pippa.application.port.out.SummaryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pippa's background work: which jobs a message causes (index it; every {@code summaryEvery} messages,
 * summarise the conversation), and running due jobs with retries. Handlers are idempotent, so a job run
 * twice (its worker died after the work, before marking it done) changes nothing.
 */
public final class BackgroundJobs {

    public static final String INDEX_MESSAGE = "index_message";
    public static final String SUMMARIZE = "summarize_conversation";

    /**
     * @param maxAttempts runs before a job is marked failed for good
     * @param firstRetry  wait before the second attempt; doubles each time, at most {@link #MAX_RETRY_DELAY}
     * @param lease       how long a worker may hold a job before others may take it again
     */
    public record Policy(int maxAttempts, Duration firstRetry, Duration lease) {
    }

    static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);
    /**
     * A generation's lease. Short, and renewed while it runs ({@link #renewGenerations}): a generation may
     * stream for many minutes, yet one whose worker died is taken up again (and ended) soon after.
     */
    public static final Duration GENERATION_LEASE = Duration.ofSeconds(20);
    /** Messages folded into a summary per summariser call: bounded memory, and a prompt that fits a model. */
    static final int SUMMARY_CHUNK = 100;

    private final JobStore jobs;
    private final MessageSearch search;
    private final SummaryStore summaries;
    private final Summarizer summarizer;
    private final JobObserver observer;
    private final Policy policy;
    private final Clock clock;
    private final Generator generator;

    public BackgroundJobs(JobStore jobs, MessageSearch search, SummaryStore summaries, Summarizer summarizer,
                          JobObserver observer, Policy policy, Clock clock) {
        this(jobs, search, summaries, summarizer, observer, policy, clock, null);
    }

    /** @param generator runs generation jobs; null when no chat model is configured */
    public BackgroundJobs(JobStore jobs, MessageSearch search, SummaryStore summaries, Summarizer summarizer,
                          JobObserver observer, Policy policy, Clock clock, Generator generator) {
        this.jobs = jobs;
        this.search = search;
        this.summaries = summaries;
        this.summarizer = summarizer;
        this.observer = observer;
        this.policy = policy;
        this.clock = clock;
        this.generator = generator;
    }

    /**
     * The jobs a new message causes: index it, and every {@code summaryEvery} messages summarise its
     * conversation. The store writes them with the message.
     */
    public static MessageJobs causedBy(int summaryEvery) {
        return (owner, message, messageCount) -> {
            List<NewJob> caused = new ArrayList<>(2);
            caused.add(new NewJob(INDEX_MESSAGE, owner, message.conversationId(), message.id()));
            if (messageCount % summaryEvery == 0) {
                caused.add(new NewJob(SUMMARIZE, owner, message.conversationId(), null));
            }
            return caused;
        };
    }

    /**
     * Leases up to {@code max} due jobs and runs them; returns how many ran. Index jobs are done together
     * in one write (one at a time only if that fails, so one bad job cannot hold the others back), and
     * every job done is marked so in one more write: two writer transactions per batch, not two per job.
     */
    public int runDue(int max) {
        // Generations are the chat workers' (leaseGenerations); on a node without a chat model they wait in
        // the queue for one that has it (or for this one, once it is configured), rather than fail.
        List<Job> leased = jobs.leaseJobs(max, policy.lease(),
                JobSelection.allBut(GenerationService.GENERATE_RESPONSE));
        // Work starts only in the first half of the lease, so it ends within it (a summariser call takes at
        // most half a lease): no other worker takes a job while it is still running.
        Instant deadline = clock.instant().plus(policy.lease().dividedBy(2));
        List<Job> done = new ArrayList<>(leased.size());
        List<Job> indexing = leased.stream().filter(job -> job.work().kind().equals(INDEX_MESSAGE)).toList();
        if (indexAll(indexing)) {
            done.addAll(indexing);
        } else {
            indexing.forEach(job -> run(job, deadline, done));
        }
        leased.stream().filter(job -> !job.work().kind().equals(INDEX_MESSAGE)).forEach(job -> run(job, deadline, done));
        complete(done);
        return leased.size();
    }

    /**
     * Leases up to {@code max} due generations, for {@link #GENERATION_LEASE}; each is then run by
     * {@link #runGeneration} on its own thread, while its worker renews the leases of those still running.
     */
    public List<Job> leaseGenerations(int max) {
        return generator == null ? List.of()
                : jobs.leaseJobs(max, GENERATION_LEASE, JobSelection.only(GenerationService.GENERATE_RESPONSE));
    }

    public void runGeneration(Job job) {
        List<Job> done = new ArrayList<>(1);
        run(job, clock.instant().plus(GENERATION_LEASE), done);
        complete(done);
    }

    /** Keeps the running generations' leases: each lasts {@link #GENERATION_LEASE} from now. */
    public void renewGenerations(List<JobId> running) {
        jobs.renewLeases(running, GENERATION_LEASE);
    }

    private void complete(List<Job> done) {
        jobs.completeJobs(done.stream().map(Job::id).toList());
        Instant now = clock.instant();
        done.forEach(job -> observer.jobRan(job.work().kind(), JobObserver.Outcome.COMPLETED,
                Duration.between(job.createdAt(), now)));
    }

    private boolean indexAll(List<Job> indexing) {
        if (indexing.isEmpty()) {
            return true;
        }
        try {
            search.indexMessages(indexing.stream().map(job -> job.work().messageId()).toList());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void run(Job job, Instant deadline, List<Job> done) {
        try {
            perform(job, deadline);
            done.add(job);
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            JobObserver.Outcome outcome;
            if (job.attempts() >= policy.maxAttempts()) {
                jobs.failJob(job.id(), error);
                if (job.work().kind().equals(GenerationService.GENERATE_RESPONSE) && generator != null) {
                    generator.abandon(job.work(), error); // never left in progress
                }
                outcome = JobObserver.Outcome.FAILED;
            } else {
                jobs.retryJob(job.id(), clock.instant().plus(retryDelay(job.attempts(), e)), error);
                outcome = JobObserver.Outcome.RETRIED;
            }
            observer.jobRan(job.work().kind(), outcome, Duration.between(job.createdAt(), clock.instant()));
        }
    }

    private void perform(Job job, Instant deadline) {
        NewJob work = job.work();
        switch (work.kind()) {
            case INDEX_MESSAGE -> search.indexMessages(List.of(work.messageId()));
            case SUMMARIZE -> summarize(work, deadline);
            case GenerationService.GENERATE_RESPONSE -> generator.generate(work); // leased only with a generator
            default -> throw new IllegalStateException("no handler for job kind " + work.kind());
        }
    }

    /**
     * Folds the messages the conversation's summary does not cover yet into it, {@link #SUMMARY_CHUNK} at a
     * time, saving after each: a job's work and memory grow with what is new, not with the conversation,
     * and a retried job goes on from the last saved part. Past the deadline it starts no more summariser
     * calls and queues a new job for the rest (before this one completes: a crash in between at worst
     * leaves two). Nothing to fold (the summary is current, or the conversation is gone): nothing happens.
     */
    private void summarize(NewJob work, Instant deadline) {
        Optional<Summary> current = summaries.findSummary(work.owner(), work.conversationId());
        while (clock.instant().isBefore(deadline)) {
            List<Message> messages = summaries.messagesAfter(work.owner(), work.conversationId(),
                    current.map(Summary::coversThroughMessageId).orElse(null), SUMMARY_CHUNK);
            if (messages.isEmpty()) {
                return;
            }
            String text = summarizer.summarize(current.map(Summary::text), messages);
            Summary next = new Summary(work.conversationId(), text, messages.getLast().id(),
                    current.map(Summary::messageCountCovered).orElse(0L) + messages.size(),
                    Instant.ofEpochMilli(clock.millis()));
            summaries.saveSummary(work.owner(), next,
                    NewEvent.about(EventType.SUMMARY_UPDATED, work.owner(), work.conversationId()));
            if (messages.size() < SUMMARY_CHUNK) {
                return;
            }
            current = Optional.of(next);
        }
        jobs.enqueueJobs(List.of(work));
    }

    /** The backoff, or longer when the failure said when to come back (a model's Retry-After). */
    Duration retryDelay(int attemptsSoFar, RuntimeException failure) {
        Duration backoff = retryDelay(attemptsSoFar);
        if (failure instanceof ChatModelException model && model.retryAfter().isPresent()
                && model.retryAfter().get().compareTo(backoff) > 0) {
            return model.retryAfter().get().compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : model.retryAfter().get();
        }
        return backoff;
    }

    /** Exponential backoff: firstRetry, 2x, 4x, ... capped. */
    Duration retryDelay(int attemptsSoFar) {
        Duration delay = policy.firstRetry().multipliedBy(1L << Math.min(20, attemptsSoFar - 1));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }
}
