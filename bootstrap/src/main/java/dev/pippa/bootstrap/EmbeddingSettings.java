package dev.pippa.bootstrap;

import dev.pippa.adapter.out.embeddings.OnnxEmbedder;
import dev.pippa.application.port.out.Embedder;
import java.nio.file.Path;

/**
 * Search by meaning and the knowledge base (issue 19): which embedding model, if any
 * ({@code pippa.embeddings}), how much memory the vectors of recently searched users may hold, and the
 * largest file an upload may be.
 *
 * @param embedder      the model; it loads on first use, off the start-up path
 * @param cacheBytes    the vector cache's budget
 * @param fileMaxBytes  the largest file {@code POST /v1/files} takes
 */
record EmbeddingSettings(Embedder embedder, long cacheBytes, long fileMaxBytes) {

    /** MINILM: all-MiniLM-L6-v2 from inside the jar; PATH: a model directory; OFF: keyword search only. */
    enum Kind { MINILM, PATH, OFF }

    /** The configured model, or null when embeddings are off. */
    static EmbeddingSettings from(Settings.Reader read) {
        Kind kind = read.choice("pippa.embeddings", Kind.class);
        if (kind == Kind.OFF) {
            return null;
        }
        long cacheBytes = read.integer("pippa.embeddings.cache.mb", 1, 1_000_000) * 1024L * 1024L;
        long fileMaxBytes = read.integer("pippa.files.max.mb", 1, 1024) * 1024L * 1024L;
        if (kind == Kind.MINILM) {
            return new EmbeddingSettings(new MeteredEmbedder(OnnxEmbedder.builtIn()), cacheBytes, fileMaxBytes);
        }
        String pooling = read.text("pippa.embeddings.pooling");
        String directory = read.text("pippa.embeddings.model.path");
        try {
            return new EmbeddingSettings(new MeteredEmbedder(OnnxEmbedder.fromDirectory(Path.of(directory), pooling)),
                    cacheBytes, fileMaxBytes);
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException("pippa.embeddings.model.path", directory, e.getMessage());
        }
    }
}
