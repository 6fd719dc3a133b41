package dev.pippa.domain;

/** The store could not do its work (I/O error, database unavailable). No driver type crosses the port. */
public final class StorageException extends DomainException {

    /** UNAVAILABLE may pass by retrying; FULL needs space freed (disk or size limit) before writes succeed. */
    public enum Kind { UNAVAILABLE, FULL }

    private final Kind kind;

    public StorageException(String message, Throwable cause) {
        this(Kind.UNAVAILABLE, message, cause);
    }

    public StorageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
