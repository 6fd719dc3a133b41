package dev.pippa.domain.user;

import dev.pippa.domain.Ids;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.TimeOrderedIds;

/** Opaque, time-ordered user id: {@code usr_} followed by a ULID. A user owns conversations as {@link #owner()}. */
public record UserId(String value) {

    static final String PREFIX = "usr_";

    public UserId {
        Ids.requireWellFormed("user_id", PREFIX, value);
    }

    public static UserId next(TimeOrderedIds ids) {
        return new UserId(PREFIX + ids.next());
    }

    /** The owner every conversation this user creates belongs to. */
    public OwnerId owner() {
        return new OwnerId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
