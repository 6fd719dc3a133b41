package dev.pippa.bootstrap;

import dev.pippa.application.port.out.GenerationObserver;
import dev.pippa.domain.generation.ResponseStatus;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Generations in /observe/metrics: outcomes, time to first token, upstream latency and tokens per second. */
final class GenerationMetrics implements GenerationObserver {

    private final Map<ResponseStatus, Counter> outcomes = new EnumMap<>(ResponseStatus.class);
    private final Timer firstToken = Metrics.getOrCreate(Timer.builder("pippa.generation.first.token")
            .description("From asking for a reply to its first text (the queue included)")
            .publishPercentileHistogram(true));
    private final Timer upstream = Metrics.getOrCreate(Timer.builder("pippa.generation.upstream.latency")
            .description("From calling the model to its first text: the upstream's own latency")
            .publishPercentileHistogram(true));
    private final DistributionSummary tokensPerSecond = Metrics.getOrCreate(
            DistributionSummary.builder("pippa.generation.tokens.per.second")
                    .description("Output tokens per second of streaming, per generation that streamed"));

    GenerationMetrics() {
        for (ResponseStatus status : ResponseStatus.values()) {
            if (status.isFinal()) {
                outcomes.put(status, Metrics.getOrCreate(Counter.builder("pippa.generation.outcomes")
                        .description("Generations ended, by outcome")
                        .tags(List.of(Tag.create("outcome", status.wireName())))));
            }
        }
    }

    @Override
    public void firstText(Duration sinceAsked, Duration sinceCalled) {
        firstToken.record(sinceAsked.toNanos(), TimeUnit.NANOSECONDS);
        upstream.record(sinceCalled.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void ended(ResponseStatus outcome, long outputTokens, Duration streaming) {
        outcomes.get(outcome).increment();
        if (outputTokens > 0 && streaming.toMillis() > 0) {
            tokensPerSecond.record(outputTokens * 1000.0 / streaming.toMillis());
        }
    }
}
