package dev.pippa.domain;

/**
 * The errors the domain and its port can raise. Adapters map each kind once (HTTP: 404, 412, 409, 422, 503).
 */
public sealed abstract class DomainException extends RuntimeException
        permits NotFoundException, ConflictException, DuplicateException, InvalidInputException, StorageException {

    protected DomainException(String message) {
        super(message);
    }

    protected DomainException(String message, Throwable cause) {
        super(message, cause);
    }
}
