package dev.pippa.domain.job;

import dev.pippa.domain.Check;
import java.time.Instant;

/** A job as leased by a worker: {@code attempts} counts this one. */
public record Job(JobId id, NewJob work, int attempts, Instant createdAt) {

    public Job {
        Check.notNull("id", id);
        Check.notNull("work", work);
        Check.notNull("created_at", createdAt);
    }
}
