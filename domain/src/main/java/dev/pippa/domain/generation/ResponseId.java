package dev.pippa.domain.generation;

import dev.pippa.domain.Ids;
import dev.pippa.domain.TimeOrderedIds;

/** Opaque, time-ordered response id: {@code resp_} followed by a ULID. */
public record ResponseId(String value) {

    static final String PREFIX = "resp_";

    public ResponseId {
        Ids.requireWellFormed("response_id", PREFIX, value);
    }

    public static ResponseId next(TimeOrderedIds ids) {
        return new ResponseId(PREFIX + ids.next());
    }

    @Override
    public String toString() {
        return value;
    }
}
