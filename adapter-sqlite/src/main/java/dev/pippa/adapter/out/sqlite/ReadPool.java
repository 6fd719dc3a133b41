package dev.pippa.adapter.out.sqlite;

import dev.pippa.domain.StorageException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool of read-only sessions. In WAL mode readers never wait for the writer, and each read sees
 * the last committed state. A read holding several statements runs in one read transaction (one snapshot).
 */
final class ReadPool implements AutoCloseable {

    private static final long WAIT_SECONDS = 10;

    private final List<Session> all;
    private final BlockingQueue<Session> idle;

    ReadPool(List<Session> sessions) {
        this.all = List.copyOf(sessions);
        this.idle = new ArrayBlockingQueue<>(sessions.size(), false, sessions);
    }

    <T> T read(SqlWork<T> work) throws SQLException {
        Session session = borrow();
        try {
            return work.run(session);
        } finally {
            idle.add(session);
        }
    }

    private Session borrow() {
        try {
            Session session = idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (session == null) {
                throw new StorageException("no database connection became free in " + WAIT_SECONDS + " s", null);
            }
            return session;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for a database connection", e);
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (Session session : all) {
            try {
                session.close();
            } catch (SQLException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
