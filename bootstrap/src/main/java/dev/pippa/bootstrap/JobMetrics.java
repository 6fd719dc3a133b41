package dev.pippa.bootstrap;

import dev.pippa.application.port.out.JobObserver;
import dev.pippa.domain.job.JobCounts;
import dev.pippa.application.port.out.JobStore;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The job queue in /observe/metrics: depth by state, runs by kind and outcome, and latency from creation.
 * The depth gauges read this store; {@link #close()} removes them with it (the registry is global to the
 * JVM, and a gauge left behind would keep reading a closed store).
 */
final class JobMetrics implements JobObserver, AutoCloseable {

    private final List<Gauge<Long>> gauges;
    // Looked up once per kind (and outcome), not once per job: the registry lookup builds a meter id.
    private final Map<String, Counter> runs = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    JobMetrics(JobStore jobs) {
        gauges = List.of(
                gauge("pippa.jobs.pending", "Jobs waiting to run (due or backing off)", jobs, JobCounts::pending),
                gauge("pippa.jobs.running", "Jobs leased by a worker", jobs, JobCounts::running),
                gauge("pippa.jobs.failed", "Jobs that failed for good", jobs, JobCounts::failed));
    }

    private static Gauge<Long> gauge(String name, String description, JobStore jobs, ToLongFunction<JobCounts> count) {
        return Metrics.getOrCreate(Gauge.builder(name, () -> count.applyAsLong(jobs.countJobs()))
                .description(description));
    }

    @Override
    public void close() {
        gauges.forEach(gauge -> Metrics.globalRegistry().remove(gauge));
    }

    @Override
    public void jobRan(String kind, Outcome outcome, Duration sinceCreated) {
        runs.computeIfAbsent(kind + ' ' + outcome, key -> runsCounter(kind, outcome)).increment();
        if (outcome == Outcome.COMPLETED) {
            latencies.computeIfAbsent(kind, JobMetrics::latencyTimer).record(sinceCreated.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static Counter runsCounter(String kind, Outcome outcome) {
        return Metrics.getOrCreate(Counter.builder("pippa.jobs.runs")
                .description("Job runs by kind and outcome")
                .tags(List.of(Tag.create("kind", kind), Tag.create("outcome", outcome.name().toLowerCase(Locale.ROOT)))));
    }

    private static Timer latencyTimer(String kind) {
        return Metrics.getOrCreate(Timer.builder("pippa.jobs.latency")
                .description("From a job's creation (its message's commit) to its completion")
                .tags(List.of(Tag.create("kind", kind)))
                .publishPercentileHistogram(true));
    }
}
