package dev.pippa.adapter.in.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * Token buckets (Bucket4j), one per key (a user, a client address), kept in a bounded Caffeine cache.
 * A bucket left alone for one refill period is full again, so dropping it then forgets nothing.
 */
final class RateLimits {

    private static final long MAX_KEYS = 100_000;

    private final Bandwidth limit;
    private final Cache<String, Bucket> buckets;

    /** At most {@code requests} per {@code period}, in bursts of up to {@code requests}. */
    RateLimits(long requests, Duration period) {
        this.limit = Bandwidth.builder().capacity(requests).refillGreedy(requests, period).build();
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(period)
                .maximumSize(MAX_KEYS)
                .build();
    }

    /** Takes one request from {@code key}'s bucket: 0 when allowed, else the seconds to wait (at least 1). */
    long secondsToWait(String key) {
        ConsumptionProbe probe = buckets.get(key, ignored -> Bucket.builder().addLimit(limit).build())
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
    }
}
