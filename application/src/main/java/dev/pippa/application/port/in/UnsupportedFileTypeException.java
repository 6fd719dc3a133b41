package dev.pippa.application.port.in;

/** An upload whose bytes are no type Pippa reads (plain text, Markdown, PDF). */
public final class UnsupportedFileTypeException extends RuntimeException {

    public UnsupportedFileTypeException(String name) {
        super("'" + name + "' is not a file Pippa can read: upload plain text or Markdown (UTF-8) or a PDF. The type"
                + " is recognised from the file's bytes, not from its name or Content-Type.");
    }
}
