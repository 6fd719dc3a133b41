package dev.pippa.domain;

/** The user a conversation belongs to: an opaque string chosen by whoever authenticates callers. */
public record OwnerId(String value) {

    public static final int MAX_LENGTH = 128;

    public OwnerId {
        Check.length("owner", value, 1, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
