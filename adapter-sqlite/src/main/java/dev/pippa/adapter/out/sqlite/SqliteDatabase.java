package dev.pippa.adapter.out.sqlite;

import dev.pippa.domain.DomainException;
import dev.pippa.domain.StorageException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.jooq.exception.DataAccessException;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite file, opened for serving: its folder checked, the one-process lock taken, the schema migrated,
 * a single group-committing writer (which also assigns ids, so ids grow in commit order) and a pool of
 * read-only connections. The stores ({@link SqliteConversationStore}, {@link SqliteUserStore},
 * {@link SqliteJobStore}, {@link SqliteMessageSearch}, {@link SqliteSummaryStore}) are each given the database
 * and do their work through {@link #write} and {@link #read}; the database knows none of them.
 */
public final class SqliteDatabase implements AutoCloseable {

    private final SqliteSettings settings;
    private final GroupCommitWriter writer;
    private final ReadPool readers;
    private final AutoCloseable processLock;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Runnable> eventListeners = new CopyOnWriteArrayList<>();

    private SqliteDatabase(SqliteSettings settings, GroupCommitWriter writer, ReadPool readers,
                           AutoCloseable processLock) {
        this.settings = settings;
        this.writer = writer;
        this.readers = readers;
        this.processLock = processLock;
    }

    /** Opens (creating and migrating when needed) the database file. */
    public static SqliteDatabase open(SqliteSettings settings) {
        DatabaseFiles.prepareFolder(settings.path());
        AutoCloseable lock = DatabaseFiles.lock(settings.path());
        List<Session> opened = new ArrayList<>();
        try {
            migrate(settings);
            Session writeSession = track(opened, new Session(Sqlite.connect(settings, false)));
            List<Session> readSessions = new ArrayList<>();
            for (int i = 0; i < settings.readConnections(); i++) {
                readSessions.add(track(opened, new Session(Sqlite.connect(settings, true))));
            }
            GroupCommitWriter writer = new GroupCommitWriter(writeSession, settings.writeQueueCapacity(),
                    settings.maxBatch());
            return new SqliteDatabase(settings, writer, new ReadPool(readSessions), lock);
        } catch (SQLException | RuntimeException e) {
            opened.forEach(SqliteDatabase::closeQuietly);
            closeQuietly(lock);
            throw new StorageException(
                    "cannot open database " + settings.path().toAbsolutePath() + ": " + rootMessage(e), e);
        }
    }

    private static void migrate(SqliteSettings settings) {
        SQLiteDataSource dataSource = new SQLiteDataSource(Sqlite.config(settings, false));
        dataSource.setUrl(Sqlite.url(settings));
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:dev/pippa/adapter/out/sqlite/migration")
                .load()
                .migrate();
    }

    /** Calls {@code listener} after each commit that recorded events ({@link SqliteEventStore#onCommitted}). */
    void onEventsCommitted(Runnable listener) {
        eventListeners.add(listener);
    }

    /** Tells the listeners that a write which recorded events is committed. */
    void eventsCommitted() {
        eventListeners.forEach(Runnable::run);
    }

    public SqliteSettings settings() {
        return settings;
    }

    /** True when a read-only query answers: the readiness check (plain SQL: no jOOQ on the health path). */
    public boolean isReadable() {
        try {
            return read(session -> {
                try (ResultSet row = session.statement("SELECT 1").executeQuery()) {
                    return row.next() && row.getInt(1) == 1;
                }
            });
        } catch (DomainException e) {
            return false;
        }
    }

    /** Runs {@code work} in a transaction of the single writer, committed together with others queued with it. */
    <T> T write(SqlWork<T> work) {
        return writer.write(work);
    }

    /** Runs {@code work} on a read-only connection of the pool. */
    <T> T read(SqlWork<T> work) {
        try {
            return readers.read(work);
        } catch (SQLException | DataAccessException e) {
            throw Sqlite.storageFailure(e);
        }
    }

    /**
     * Closes the readers, then commits queued writes and closes the writer (the last connection to close
     * checkpoints the WAL into the database file, and only a read-write one can), then lets another process in.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // closing twice is harmless
        }
        try (AutoCloseable released = processLock; GroupCommitWriter lastToClose = writer) {
            readers.close();
        } catch (SQLException e) {
            throw Sqlite.storageFailure(e);
        } catch (Exception e) {
            throw new StorageException("cannot release the database lock: " + e.getMessage(), e);
        }
    }

    private static Session track(List<Session> opened, Session session) {
        opened.add(session);
        return session;
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // already failing to open; the original error is the one worth reporting (a lock left behind
            // goes when the process ends)
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
