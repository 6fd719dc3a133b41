package dev.pippa.application.port.out;

import java.util.List;

/**
 * Turns text into vectors whose cosine similarity tracks closeness of meaning. Vectors are unit length, so
 * a dot product is their cosine. Implementations may load their model on first use.
 */
public interface Embedder {

    /** Names the model (and so the vector space): vectors from different models are never compared. */
    String model();

    /**
     * One vector per text, in order; a blank text gets an empty vector (similar to nothing).
     *
     * @throws EmbedderException when the model cannot be loaded or run
     */
    List<float[]> embed(List<String> texts);

    /** The model could not be loaded or could not embed. */
    final class EmbedderException extends RuntimeException {
        public EmbedderException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
