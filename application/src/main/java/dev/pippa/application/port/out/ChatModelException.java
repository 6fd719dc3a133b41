package dev.pippa.application.port.out;

import java.time.Duration;
import java.util.Optional;

/** Why a chat model's reply failed, and whether trying again may help. */
public final class ChatModelException extends RuntimeException {

    public enum Kind {
        /** Unreachable, overloaded (429) or failing (5xx) before any text: worth retrying after a while. */
        UNAVAILABLE,
        /** The endpoint refused the request (4xx but 429): retrying the same request will not help. */
        REFUSED,
        /** A chunk that is not the expected JSON. */
        MALFORMED,
        /** No data for longer than the idle timeout. */
        STALLED,
        /** The connection ended before the reply did. */
        BROKEN
    }

    private final Kind kind;
    private final boolean afterFirstToken;
    private final Duration retryAfter;

    public ChatModelException(Kind kind, boolean afterFirstToken, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.afterFirstToken = afterFirstToken;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether some text had been streamed before the failure (then it cannot be retried unseen). */
    public boolean afterFirstToken() {
        return afterFirstToken;
    }

    /** What the endpoint asked for (Retry-After), if anything. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Worth another attempt: unavailable before the first token. */
    public boolean retryable() {
        return kind == Kind.UNAVAILABLE && !afterFirstToken;
    }
}
