package dev.pippa.adapter.out.sqlite;

import dev.pippa.domain.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Opening connections with Pippa's pragmas, and turning driver failures into the port's exception. */
final class Sqlite {

    static {
        // jOOQ prints a banner and tips on first use; a service's log is not the place.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private static final Settings JOOQ_SETTINGS = new Settings()
            .withExecuteLogging(false)
            .withRenderSchema(false);

    private Sqlite() {
    }

    static String url(SqliteSettings settings) {
        return "jdbc:sqlite:" + settings.path().toAbsolutePath();
    }

    static SQLiteConfig config(SqliteSettings settings, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(settings.synchronous().name()));
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) settings.busyTimeout().toMillis());
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setReadOnly(readOnly);
        config.setGetGeneratedKeys(false); // no statement needs them; each insert would run an extra query
        if (!readOnly && settings.maxPages() > 0) {
            config.setMaxPageCount(settings.maxPages());
        }
        return config;
    }

    static Connection connect(SqliteSettings settings, boolean readOnly) throws SQLException {
        return config(settings, readOnly).createConnection(url(settings));
    }

    static DSLContext dsl(Connection connection) {
        return DSL.using(connection, SQLDialect.SQLITE, JOOQ_SETTINGS);
    }

    static StorageException storageFailure(Throwable cause) {
        return storageFailure("the database failed", cause);
    }

    /** A full disk or a reached size limit (SQLITE_FULL) is its own kind: retrying alone will not help. */
    static StorageException storageFailure(String what, Throwable cause) {
        if (failedWith(cause, SQLiteErrorCode.SQLITE_FULL).isPresent()) {
            return new StorageException(StorageException.Kind.FULL, what + ": the database or disk is full", cause);
        }
        return new StorageException(what + ": " + cause.getMessage(), cause);
    }

    /** The driver's exception with this result code among {@code failure} and its causes, if any. */
    static Optional<SQLiteException> failedWith(Throwable failure, SQLiteErrorCode code) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof SQLiteException sqlite && sqlite.getResultCode() == code) {
                return Optional.of(sqlite);
            }
        }
        return Optional.empty();
    }
}
