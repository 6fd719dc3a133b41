package dev.pippa.adapter.out.sqlite;

import dev.pippa.domain.DomainException;
import dev.pippa.domain.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * The single writer. Callers queue work and wait; one thread takes everything queued (up to a batch),
 * runs each piece inside its own savepoint of one transaction, commits once, and only then answers
 * every caller. Many requests share one commit and one fsync, yet each caller is answered only after
 * its own write is durable, and one failing write never undoes the others.
 */
final class GroupCommitWriter implements AutoCloseable {

    private record Task<T>(Function<DSLContext, T> work, CompletableFuture<T> result) {

        void run(DSLContext dsl, List<Runnable> answers) {
            T value = work.apply(dsl);
            answers.add(() -> result.complete(value));
        }
    }

    private static final Task<Void> STOP = new Task<>(dsl -> null, new CompletableFuture<>());

    private final Connection connection;
    private final DSLContext dsl;
    private final BlockingQueue<Task<?>> queue;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean closed;

    GroupCommitWriter(Connection connection, DSLContext dsl, int queueCapacity, int maxBatch) throws SQLException {
        this.connection = connection;
        this.dsl = dsl;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxBatch = maxBatch;
        connection.setAutoCommit(false);
        this.thread = Thread.ofPlatform().name("pippa-sqlite-writer").daemon(false).start(this::loop);
    }

    /** Runs {@code work} in the writer's transaction and returns once it is committed. */
    <T> T write(Function<DSLContext, T> work) {
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
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the write to commit", e);
        }
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
            for (Task<?> task : batch) {
                runInSavepoint(task, answers);
            }
            connection.commit();
            answers.forEach(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            StorageException failure = new StorageException("the write could not be committed", e);
            rollbackQuietly(failure);
            batch.forEach(task -> task.result().completeExceptionally(failure));
        }
    }

    private void runInSavepoint(Task<?> task, List<Runnable> answers) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            task.run(dsl, answers);
            connection.releaseSavepoint(savepoint);
        } catch (RuntimeException e) {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
            answers.add(() -> task.result().completeExceptionally(e));
        }
    }

    private void rollbackQuietly(StorageException failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof DomainException domain) {
            return domain;
        }
        return Sqlite.storageFailure(cause);
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
            connection.close();
        }
    }
}
