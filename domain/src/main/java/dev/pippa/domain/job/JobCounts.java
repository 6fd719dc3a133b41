package dev.pippa.domain.job;


/** Jobs by state: waiting (due or not), running under a live lease, and failed for good. */
public record JobCounts(long pending, long running, long failed) {
}
