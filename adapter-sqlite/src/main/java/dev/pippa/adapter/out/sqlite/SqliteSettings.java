package dev.pippa.adapter.out.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the SQLite store opens its file.
 *
 * @param path               the database file (created and migrated when absent)
 * @param synchronous        SQLite's sync level: FULL (default) makes every acknowledged write survive power loss
 * @param readConnections    size of the read-only connection pool
 * @param busyTimeout        how long a connection waits for a lock held by another process
 * @param writeQueueCapacity writes waiting for the writer beyond this are refused (overload), never queued unboundedly
 * @param maxBatch           most writes committed together in one transaction (group commit)
 * @param maxSizeMb          the largest the database file may grow, in MiB (0: no limit but the disk's);
 *                           writes beyond it fail as FULL while reads go on
 */
public record SqliteSettings(
        Path path,
        Synchronous synchronous,
        int readConnections,
        Duration busyTimeout,
        int writeQueueCapacity,
        int maxBatch,
        int maxSizeMb) {

    public enum Synchronous { OFF, NORMAL, FULL, EXTRA }

    /** SQLite's default page size, which Pippa keeps. */
    static final int PAGE_BYTES = 4096;

    public SqliteSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(synchronous, "synchronous");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        requirePositive("readConnections", readConnections);
        requirePositive("writeQueueCapacity", writeQueueCapacity);
        requirePositive("maxBatch", maxBatch);
        if (maxSizeMb < 0) {
            throw new IllegalArgumentException("maxSizeMb must not be negative, got " + maxSizeMb);
        }
    }

    /** The size limit as SQLite's max_page_count; 0 for none. */
    int maxPages() {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxSizeMb * 1024 * 1024 / PAGE_BYTES);
    }

    /** The defaults the service ships with, for the given file. */
    public static SqliteSettings defaults(Path path) {
        return new SqliteSettings(path, Synchronous.FULL, 4, Duration.ofSeconds(5), 4096, 256, 0);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
