package dev.pippa.domain.job;

import dev.pippa.domain.Ids;
import dev.pippa.domain.TimeOrderedIds;

/** Opaque, time-ordered job id: {@code job_} followed by a ULID. */
public record JobId(String value) {

    static final String PREFIX = "job_";

    public JobId {
        Ids.requireWellFormed("job_id", PREFIX, value);
    }

    public static JobId next(TimeOrderedIds ids) {
        return new JobId(PREFIX + ids.next());
    }

    @Override
    public String toString() {
        return value;
    }
}
