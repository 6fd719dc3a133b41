package dev.pippa.adapter.out.sqlite;

import dev.pippa.domain.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * A fixed pool of read-only connections. In WAL mode readers never wait for the writer, and each
 * read sees the last committed state.
 */
final class ReadPool implements AutoCloseable {

    private static final long WAIT_SECONDS = 10;

    private final List<DSLContext> all;
    private final BlockingQueue<DSLContext> idle;

    ReadPool(List<DSLContext> readers) {
        this.all = List.copyOf(readers);
        this.idle = new ArrayBlockingQueue<>(readers.size(), false, readers);
    }

    <T> T read(Function<DSLContext, T> work) {
        DSLContext dsl = borrow();
        try {
            return work.apply(dsl);
        } finally {
            idle.add(dsl);
        }
    }

    private DSLContext borrow() {
        try {
            DSLContext dsl = idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (dsl == null) {
                throw new StorageException("no database connection became free in " + WAIT_SECONDS + " s", null);
            }
            return dsl;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for a database connection", e);
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (DSLContext dsl : all) {
            try {
                dsl.configuration().connectionProvider().acquire().close();
            } catch (SQLException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
