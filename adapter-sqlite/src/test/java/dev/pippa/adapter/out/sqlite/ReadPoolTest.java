package dev.pippa.adapter.out.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadPoolTest {

    private static final int SESSIONS = 2;
    private static final int READS = 400;

    @TempDir
    Path directory;

    @Test
    void givenMoreReadersThanSessions_whenTheyReadAtOnce_thenEachSessionServesOneReadAtATimeAndEveryReadCompletes()
            throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve("pool.db");
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            sessions.add(new Session(DriverManager.getConnection(url)));
        }
        Set<Session> inUse = ConcurrentHashMap.newKeySet();
        AtomicInteger sharedSessions = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Future<Integer>> reads = new ArrayList<>();
        try (ReadPool pool = new ReadPool(sessions);
             var readers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < READS; i++) {
                int value = i;
                reads.add(readers.submit(() -> pool.read(session -> {
                    if (!inUse.add(session)) {
                        sharedSessions.incrementAndGet();
                    }
                    mostAtOnce.accumulateAndGet(inUse.size(), Math::max);
                    try (ResultSet row = session.statement("SELECT ?").executeQuery()) {
                        LockSupport.parkNanos(1_000_000); // holds the session while other readers queue for it
                        return value;
                    } finally {
                        inUse.remove(session);
                    }
                })));
            }
            for (int i = 0; i < READS; i++) {
                assertThat(reads.get(i).get()).isEqualTo(i);
            }
        }

        assertThat(sharedSessions).hasValue(0);
        assertThat(mostAtOnce.get()).isEqualTo(SESSIONS);
    }
}
