package dev.pippa.domain.generation;

/** Where a response stands; the last four are final. */
public enum ResponseStatus {
    QUEUED, IN_PROGRESS, COMPLETED, INCOMPLETE, FAILED, CANCELLED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isFinal() {
        return this != QUEUED && this != IN_PROGRESS;
    }
}
