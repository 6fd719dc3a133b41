package dev.pippa.application.port.out;

import java.time.Duration;

/** Told about every job run, for metrics. */
public interface JobObserver {

    enum Outcome { COMPLETED, RETRIED, FAILED }

    JobObserver NONE = (kind, outcome, sinceCreated) -> { };

    /** @param sinceCreated from the job's creation (its message's commit) to the end of this run */
    void jobRan(String kind, Outcome outcome, Duration sinceCreated);
}
