package dev.pippa.adapter.in.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How event streams behave on the wire.
 *
 * @param heartbeat      quiet time after which an SSE stream sends a comment (a WebSocket a ping), so
 *                       proxies keep it open
 * @param reconnect      the {@code retry:} delay SSE clients wait before reconnecting
 * @param maxFrameBytes  the largest WebSocket message a client may send; larger closes with 1009
 */
public record StreamOptions(Duration heartbeat, Duration reconnect, int maxFrameBytes) {

    public StreamOptions {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(reconnect, "reconnect");
        if (heartbeat.isNegative() || heartbeat.isZero() || maxFrameBytes < 1024) {
            throw new IllegalArgumentException("stream heartbeat must be positive and frames at least 1 KiB");
        }
    }
}
