package dev.pippa.application.port.out;

import java.util.Optional;

/** Recognises an uploaded document's type from its bytes, and takes the text out of it. */
public interface DocumentReader {

    /**
     * The media type the bytes are, recognised from the bytes themselves (the name only tells Markdown
     * from plain text); empty when they are no type this reader takes.
     */
    Optional<String> mediaType(byte[] content, String fileName);

    /**
     * The document's text.
     *
     * @throws UnreadableDocumentException when it cannot be read, or holds no text
     */
    String text(byte[] content, String mediaType);

    /** A document of a recognised type that still cannot be read; the message says why, for its owner. */
    final class UnreadableDocumentException extends RuntimeException {
        public UnreadableDocumentException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
