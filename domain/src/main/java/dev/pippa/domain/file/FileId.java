package dev.pippa.domain.file;

import dev.pippa.domain.Ids;
import dev.pippa.domain.TimeOrderedIds;

/** Opaque, time-ordered file id: {@code file_} followed by a ULID. */
public record FileId(String value) {

    static final String PREFIX = "file_";

    public FileId {
        Ids.requireWellFormed("file_id", PREFIX, value);
    }

    public static FileId next(TimeOrderedIds ids) {
        return new FileId(PREFIX + ids.next());
    }

    @Override
    public String toString() {
        return value;
    }
}
