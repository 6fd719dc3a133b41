package dev.pippa.adapter.out.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.domain.StorageException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's promises: one failing write never undoes the others, and a full queue refuses at once. */
class GroupCommitWriterTest {

    @TempDir
    Path directory;

    private SqliteSettings settings;
    private GroupCommitWriter writer;
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch writerBusy = new CountDownLatch(1);

    @BeforeEach
    void openWriter() throws SQLException {
        settings = SqliteSettings.defaults(directory.resolve("writer.db"));
        SqliteDatabase.open(settings).close(); // migrate
        Session session = new Session(Sqlite.connect(settings, false));
        session.connection().createStatement().execute("CREATE TABLE note (text TEXT NOT NULL UNIQUE)");
        session.connection().createStatement().execute("INSERT INTO note (text) VALUES ('before')");
        writer = new GroupCommitWriter(session, 3, 100);
    }

    @AfterEach
    void close() throws SQLException {
        release.countDown();
        callers.close();
        writer.close();
    }

    @Test
    void givenABatchWithOneFailingWrite_whenCommitted_thenTheOthersAreDurableAndOnlyItsCallerFails() throws Exception {
        Future<?> blocker = occupyWriter();
        Future<Integer> first = callers.submit(() -> writer.write(session -> insert(session, "first")));
        Future<Integer> failing = callers.submit(() -> writer.write(session -> {
            insert(session, "partial"); // undone with its savepoint
            return insert(session, "before"); // violates UNIQUE, whatever order the batch runs in
        }));
        Future<Integer> third = callers.submit(() -> writer.write(session -> insert(session, "third")));
        waitUntilQueued(3);
        release.countDown();

        blocker.get(10, TimeUnit.SECONDS);
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StorageException.class);
        assertThat(notes()).containsExactlyInAnyOrder("before", "first", "third");
    }

    @Test
    void givenAFullQueue_whenAnotherWriteArrives_thenItIsRefusedAtOnceAsOverload() throws Exception {
        occupyWriter();
        for (int i = 0; i < 3; i++) {
            String text = "queued " + i;
            callers.submit(() -> writer.write(session -> insert(session, text)));
        }
        waitUntilQueued(3);

        assertThatThrownBy(() -> writer.write(session -> insert(session, "one too many")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("too many writes are waiting");
        release.countDown();
    }

    /** Parks the writer thread inside a task until {@link #release} opens. */
    private Future<?> occupyWriter() throws InterruptedException {
        Future<?> blocker = callers.submit(() -> writer.write(session -> {
            writerBusy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(writerBusy.await(10, TimeUnit.SECONDS)).isTrue();
        return blocker;
    }

    private void waitUntilQueued(int tasks) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.queued() < tasks && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writer.queued()).isEqualTo(tasks);
    }

    private static int insert(Session session, String text) throws SQLException {
        PreparedStatement insert = session.statement("INSERT INTO note (text) VALUES (?)");
        insert.setString(1, text);
        return insert.executeUpdate();
    }

    private List<String> notes() throws SQLException {
        try (Session reader = new Session(Sqlite.connect(settings, true));
             ResultSet rows = reader.statement("SELECT text FROM note").executeQuery()) {
            List<String> texts = new ArrayList<>();
            while (rows.next()) {
                texts.add(rows.getString(1));
            }
            return texts;
        }
    }
}
