package dev.pippa.domain;

/** A write lost a race: the resource changed since the version the caller expected. */
public final class ConflictException extends DomainException {

    private final long expectedVersion;
    private final long actualVersion;

    public ConflictException(String resource, String id, long expectedVersion, long actualVersion) {
        super(resource + " " + id + " is at version " + actualVersion + ", not the expected " + expectedVersion);
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    public long expectedVersion() {
        return expectedVersion;
    }

    public long actualVersion() {
        return actualVersion;
    }
}
