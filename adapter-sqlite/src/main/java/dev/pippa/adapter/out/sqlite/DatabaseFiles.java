package dev.pippa.adapter.out.sqlite;

import dev.pippa.domain.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The files around a database: its folder must be usable (each failure says which path and why, in the
 * operator's words rather than SQLite's "unable to open the database file"), and one process at a time
 * may serve it, held by a lock on {@code <database>.lock} that the operating system drops when the process
 * dies, however it dies. Backups take no lock: they read beside a running server.
 */
final class DatabaseFiles {

    private DatabaseFiles() {
    }

    /** Creates the database's folder if missing; refuses one that cannot hold the database. */
    static void prepareFolder(Path database) {
        Path folder = folderOf(database);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw unusable("database folder", folder, reason(e));
        }
        requireWritable("database folder", folder);
        if (Files.exists(database) && !Files.isWritable(database)) {
            throw unusable("database", database, "permission denied");
        }
    }

    /** Refuses a folder that is missing or cannot be written, naming why. */
    static void requireWritable(String what, Path folder) {
        String why = !Files.isDirectory(folder) ? (Files.exists(folder) ? "not a folder" : "no such folder")
                : readOnly(folder) ? "read-only file system"
                : !Files.isWritable(folder) ? "permission denied" : null;
        if (why != null) {
            throw unusable(what, folder, why);
        }
    }

    static Path folderOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toAbsolutePath().getRoot() : parent;
    }

    /** Takes the lock that lets only this process serve the database; closing it lets another in. */
    static AutoCloseable lock(Path database) {
        Path lockFile = database.resolveSibling(database.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                FileChannel held = channel;
                return held::close; // closing the channel releases the lock
            }
        } catch (OverlappingFileLockException e) {
            // this very process already serves it
        } catch (IOException e) {
            throw unusable("lock file", lockFile, reason(e));
        }
        closeQuietly(channel);
        throw new StorageException("another Pippa process is serving " + database.toAbsolutePath()
                + " (it holds " + lockFile + "); stop it first, or use another PIPPA_DB_PATH", null);
    }

    private static boolean readOnly(Path folder) {
        try {
            return Files.getFileStore(folder).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }

    private static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException denied -> "permission denied";
            case FileAlreadyExistsException file -> "not a folder";
            case NoSuchFileException missing -> "no such folder";
            case FileSystemException other when other.getReason() != null -> other.getReason().toLowerCase(Locale.ROOT);
            default -> String.valueOf(e.getMessage());
        };
    }

    private static StorageException unusable(String what, Path path, String why) {
        return new StorageException("cannot use " + what + " " + path.toAbsolutePath() + ": " + why, null);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing held, nothing to do
        }
    }
}
