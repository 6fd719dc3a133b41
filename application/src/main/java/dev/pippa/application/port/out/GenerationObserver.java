package dev.pippa.application.port.out;

import dev.pippa.domain.generation.ResponseStatus;
import java.time.Duration;

/** Told how each generation went, for metrics. */
public interface GenerationObserver {

    GenerationObserver NONE = new GenerationObserver() {
        @Override
        public void firstText(Duration sinceAsked, Duration sinceCalled) {
        }

        @Override
        public void ended(ResponseStatus outcome, long outputTokens, Duration streaming) {
        }
    };

    /**
     * The model's first text arrived.
     *
     * @param sinceAsked  since the response was asked for: what the user waited (queue included)
     * @param sinceCalled since the model was called: the upstream's own latency
     */
    void firstText(Duration sinceAsked, Duration sinceCalled);

    /**
     * A generation ended.
     *
     * @param outputTokens the tokens the model reported writing (0 when it reported none)
     * @param streaming    from its first text to its end (zero when no text came)
     */
    void ended(ResponseStatus outcome, long outputTokens, Duration streaming);
}
