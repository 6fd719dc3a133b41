package dev.pippa.adapter.in.http;

/**
 * Request rate limits on /v1, as token buckets: per authenticated user, per client address, and a
 * stricter one per address on registration and login (each of those costs a password hash).
 * {@code enabled=false} turns them all off, e.g. for benchmarks.
 */
public record RateLimitOptions(boolean enabled, int perUserPerSecond, int perAddressPerSecond,
                               int loginsPerAddressPerMinute) {

    public RateLimitOptions {
        if (enabled && (perUserPerSecond < 1 || perAddressPerSecond < 1 || loginsPerAddressPerMinute < 1)) {
            throw new IllegalArgumentException("rate limits must be at least 1");
        }
    }

    public static RateLimitOptions off() {
        return new RateLimitOptions(false, 0, 0, 0);
    }
}
