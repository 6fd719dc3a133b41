package dev.pippa.domain.file;

import dev.pippa.domain.Check;
import dev.pippa.domain.OwnerId;
import java.time.Instant;

/**
 * A document its owner uploaded for retrieval: its name as uploaded, the media type its bytes were
 * recognised as (never the one the upload claimed), its size, and how far its processing got: how many
 * chunks it was split into once {@code ready}, or why it {@code failed}.
 */
public record StoredFile(FileId id, OwnerId owner, String name, String mediaType, long size, FileStatus status,
                         String error, int chunks, Instant createdAt) {

    public static final int MAX_NAME_LENGTH = 255;

    public StoredFile {
        Check.notNull("id", id);
        Check.notNull("owner", owner);
        Check.length("name", name, 1, MAX_NAME_LENGTH);
        Check.notNull("media_type", mediaType);
        Check.notNull("status", status);
        Check.notNull("created_at", createdAt);
    }

    /** A file just uploaded: processing, no chunks yet. */
    public static StoredFile uploaded(FileId id, OwnerId owner, String name, String mediaType, long size,
                                      Instant at) {
        return new StoredFile(id, owner, name, mediaType, size, FileStatus.PROCESSING, null, 0, at);
    }
}
