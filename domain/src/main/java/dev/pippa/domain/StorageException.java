package dev.pippa.domain;

/** The store could not do its work (I/O error, database unavailable). No driver type crosses the port. */
public final class StorageException extends DomainException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
