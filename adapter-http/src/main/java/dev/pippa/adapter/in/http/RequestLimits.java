package dev.pippa.adapter.in.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How much the HTTP face takes on at once and how long it waits for a client.
 *
 * @param maxConcurrent requests served at once (after their bodies have arrived)
 * @param queue         requests that may wait for a free slot, each at most {@code queueTimeout}
 * @param queueTimeout  the longest a request waits for a slot before 503
 * @param bodyIdle      the longest a request body may send nothing before 408
 * @param bodyTotal     the longest a whole request body may take before 408
 */
public record RequestLimits(int maxConcurrent, int queue, Duration queueTimeout, Duration bodyIdle,
                            Duration bodyTotal) {

    public RequestLimits {
        if (maxConcurrent < 1 || queue < 0) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1 and queue at least 0");
        }
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        Objects.requireNonNull(bodyIdle, "bodyIdle");
        Objects.requireNonNull(bodyTotal, "bodyTotal");
    }
}
