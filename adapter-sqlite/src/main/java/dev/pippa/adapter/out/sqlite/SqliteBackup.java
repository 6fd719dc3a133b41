package dev.pippa.adapter.out.sqlite;

import dev.pippa.domain.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Online backups: {@code VACUUM INTO} copies the database as of one read transaction, so the copy is
 * consistent and holds every write committed before it began, while the service goes on reading and
 * writing (WAL readers never block the writer). The copy is compact and opens like any Pippa database.
 */
public final class SqliteBackup {

    private SqliteBackup() {
    }

    /**
     * Writes a consistent copy of the database to {@code target}, which must not exist yet.
     *
     * @return the size of the copy in bytes
     */
    public static long backUp(SqliteSettings settings, Path target) {
        Path source = settings.path().toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            throw new StorageException("no database at " + source, null);
        }
        if (Files.exists(target)) {
            throw new StorageException("will not overwrite " + target.toAbsolutePath() + "; choose a new file", null);
        }
        DatabaseFiles.requireWritable("backup folder", DatabaseFiles.folderOf(target));
        try (Connection connection = Sqlite.connect(settings, true);
             PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toAbsolutePath().toString());
            vacuum.execute();
            return Files.size(target);
        } catch (SQLException | IOException e) {
            throw Sqlite.storageFailure("the backup failed", e);
        }
    }
}
