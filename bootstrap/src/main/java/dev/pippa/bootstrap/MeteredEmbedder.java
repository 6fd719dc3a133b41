package dev.pippa.bootstrap;

import dev.pippa.application.port.out.Embedder;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedding model in /observe/metrics: texts embedded (new, edited, back-filled messages and search
 * queries) and the time of each call to the model, so an operator sees what embeddings cost.
 */
final class MeteredEmbedder implements Embedder {

    private final Embedder model;
    private final Counter texts = Metrics.getOrCreate(Counter.builder("pippa.embeddings.texts")
            .description("Texts embedded: messages and search queries"));
    private final Timer calls = Metrics.getOrCreate(Timer.builder("pippa.embeddings.call")
            .description("One call to the embedding model (a batch of texts)").publishPercentileHistogram(true));

    MeteredEmbedder(Embedder model) {
        this.model = model;
    }

    @Override
    public String model() {
        return model.model();
    }

    @Override
    public List<float[]> embed(List<String> batch) {
        long started = System.nanoTime();
        List<float[]> vectors = model.embed(batch);
        calls.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        texts.increment(batch.size());
        return vectors;
    }
}
