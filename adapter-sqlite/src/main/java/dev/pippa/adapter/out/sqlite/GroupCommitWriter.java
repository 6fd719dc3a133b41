package dev.pippa.adapter.out.sqlite;

import dev.pippa.domain.DomainException;
import dev.pippa.domain.StorageException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The single writer. Callers queue work and wait; one thread takes everything queued (up to a batch),
 * runs each piece inside its own savepoint of one transaction, commits once, and only then answers
 * every caller. Many requests share one commit and one fsync, yet each caller is answered only after
 * its own write is durable, and one failing write never undoes the others.
 */
final class GroupCommitWriter implements AutoCloseable {

    private record Task<T>(SqlWork<T> work, CompletableFuture<T> result) {

        Runnable run(Session session) throws SQLException {
            T value = work.run(session);
            return () -> result.complete(value);
        }
    }

    private static final Task<Void> STOP = new Task<>(session -> null, new CompletableFuture<>());
    private static final String BEGIN = "BEGIN IMMEDIATE";
    private static final String COMMIT = "COMMIT";
    private static final String ROLLBACK = "ROLLBACK";
    private static final String SAVEPOINT = "SAVEPOINT task";
    private static final String RELEASE = "RELEASE task";
    private static final String ROLLBACK_TO = "ROLLBACK TO task";

    private final Session session;
    private final BlockingQueue<Task<?>> queue;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean closed;

    GroupCommitWriter(Session session, int queueCapacity, int maxBatch) {
        this.session = session;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxBatch = maxBatch;
        this.thread = Thread.ofPlatform().name("pippa-sqlite-writer").start(this::loop);
    }

    /** Runs {@code work} in the writer's transaction and returns once it is committed. */
    <T> T write(SqlWork<T> work) {
        if (closed) {
            throw new StorageException("the store is closed", null);
        }
        Task<T> task = new Task<>(work, new CompletableFuture<>());
        if (!queue.offer(task)) {
            throw new StorageException("too many writes are waiting; retry shortly", null);
        }
        try {
            return task.result().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof DomainException domain ? domain : Sqlite.storageFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the write to commit", e);
        }
    }

    /** Writes waiting for the writer thread (not counting the batch it is running). */
    int queued() {
        return queue.size();
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>(maxBatch);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, by queueing STOP
            }
            queue.drainTo(batch, maxBatch - 1);
            stopping = batch.remove(STOP);
            commitBatch(batch);
            batch.clear();
        }
        // close() refused new work before queueing STOP; whatever got in before it still commits.
        queue.drainTo(batch);
        commitBatch(batch);
    }

    private void commitBatch(List<Task<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Runnable> answers = new ArrayList<>(batch.size());
        try {
            execute(BEGIN);
            for (Task<?> task : batch) {
                answers.add(runInSavepoint(task));
            }
            execute(COMMIT);
            answers.forEach(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            StorageException failure = Sqlite.storageFailure("the write could not be committed", e);
            rollbackQuietly(failure);
            batch.forEach(task -> task.result().completeExceptionally(failure));
        }
    }

    /** A task that fails is rolled back alone, and its caller gets its exception after the commit. */
    private Runnable runInSavepoint(Task<?> task) throws SQLException {
        execute(SAVEPOINT);
        try {
            Runnable answer = task.run(session);
            execute(RELEASE);
            return answer;
        } catch (SQLException | RuntimeException e) {
            try {
                execute(ROLLBACK_TO);
                execute(RELEASE);
            } catch (SQLException transactionGone) {
                // SQLite rolls the whole transaction back on some errors (SQLITE_FULL, I/O): the batch
                // fails with the task's own error, and no one in it has been answered yet.
                e.addSuppressed(transactionGone);
                throw e;
            }
            return () -> task.result().completeExceptionally(e);
        }
    }

    private void execute(String sql) throws SQLException {
        session.statement(sql).execute();
    }

    private void rollbackQuietly(StorageException failure) {
        try {
            execute(ROLLBACK);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Stops taking writes, commits what was already queued, and closes the connection. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
        }
    }
}
