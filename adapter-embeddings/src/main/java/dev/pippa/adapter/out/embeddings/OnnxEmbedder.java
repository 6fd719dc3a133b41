package dev.pippa.adapter.out.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.pippa.application.port.out.Embedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Sentence embeddings in process on ONNX Runtime (through LangChain4j's ONNX models): all-MiniLM-L6-v2,
 * quantized, from inside its jar, or any sentence-transformers ONNX model with its tokenizer.json from a
 * directory. Nothing is downloaded. The model loads on first use (about a second), off the start-up path.
 */
public final class OnnxEmbedder implements Embedder {

    /** The model inside the jar: 384 dimensions, English. */
    public static final String BUILT_IN = "all-minilm-l6-v2-q";

    private final String model;
    private final Supplier<EmbeddingModel> loader;
    private volatile EmbeddingModel loaded;

    private OnnxEmbedder(String model, Supplier<EmbeddingModel> loader) {
        this.model = model;
        this.loader = loader;
    }

    /** all-MiniLM-L6-v2, quantized, as shipped inside its Maven jar. */
    public static OnnxEmbedder builtIn() {
        return new OnnxEmbedder(BUILT_IN, AllMiniLmL6V2QuantizedEmbeddingModel::new);
    }

    /**
     * A model from a directory holding one {@code .onnx} file and its {@code tokenizer.json} (a name
     * ending in {@code tokenizer.json}). Its name records the file's name and size, so vectors made by
     * another file are made again.
     *
     * @param pooling {@code mean} (sentence-transformers) or {@code cls} (BGE and others that pool that way)
     * @throws IllegalArgumentException when the directory does not hold exactly that
     */
    public static OnnxEmbedder fromDirectory(Path directory, String pooling) {
        Path onnx = single(directory, ".onnx");
        Path tokenizer = single(directory, "tokenizer.json");
        PoolingMode mode = switch (pooling) {
            case "mean" -> PoolingMode.MEAN;
            case "cls" -> PoolingMode.CLS;
            default -> throw new IllegalArgumentException("pooling must be mean or cls, got '" + pooling + "'");
        };
        try {
            String name = "path:" + onnx.getFileName() + ":" + Files.size(onnx) + ":" + pooling;
            return new OnnxEmbedder(name, () -> new OnnxEmbeddingModel(onnx, tokenizer, mode));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + onnx + ": " + e.getMessage(), e);
        }
    }

    private static Path single(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(file -> file.getFileName().toString().endsWith(suffix)).toList();
            if (found.size() != 1) {
                throw new IllegalArgumentException(directory + " must hold exactly one file ending in " + suffix
                        + ", found " + found.size());
            }
            return found.getFirst();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the model directory " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>();
        for (String text : texts) {
            if (!text.isBlank()) {
                segments.add(TextSegment.from(text));
            }
        }
        List<Embedding> embedded;
        try {
            embedded = segments.isEmpty() ? List.of() : load().embedAll(segments).content();
        } catch (RuntimeException e) {
            throw new EmbedderException("the embedding model " + model + " failed: " + e.getMessage(), e);
        }
        List<float[]> vectors = new ArrayList<>(texts.size());
        int next = 0;
        for (String text : texts) {
            vectors.add(text.isBlank() ? new float[0] : unit(embedded.get(next++).vector()));
        }
        return vectors;
    }

    private EmbeddingModel load() {
        EmbeddingModel model = loaded;
        if (model == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = loader.get();
                }
                model = loaded;
            }
        }
        return model;
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
        return vector;
    }
}
