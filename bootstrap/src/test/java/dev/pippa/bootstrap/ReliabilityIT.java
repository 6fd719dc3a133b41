package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar under load, killed with SIGKILL at random moments, backed up while it writes, and started
 * on a database another process has locked. Figures are printed for docs/reliability.md.
 */
class ReliabilityIT {

    private static final int CLIENTS = 4;
    private static final int KILL_CYCLES = 10;

    @TempDir
    Path directory;

    /** One client's conversation and, in order, the messages the server acknowledged in it. */
    private record Thread_(String conversation, List<String[]> acknowledged) {
    }

    private Map<String, String> environment(int port, Path database) {
        return Map.of("SERVER_PORT", Integer.toString(port), "PIPPA_DB_PATH", database.toString(),
                "PIPPA_AUTH", "none", "PIPPA_ACCESS_LOG", "false", "PIPPA_RATE_LIMIT", "false");
    }

    @Test
    void givenMixedLoad_whenKilledAtRandomMomentsTenTimes_thenEveryAcknowledgedMessageSurvivesInOrder() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path database = directory.resolve("crash.db");
        List<Thread_> threads = new ArrayList<>();
        int port = PippaProcess.freePort();
        ApiClient api = new ApiClient(port);
        Map<String, String> environment = environment(port, database);
        int totalAcknowledged = 0;
        for (int cycle = 0; cycle < KILL_CYCLES; cycle++) {
            try (PippaProcess pippa = PippaProcess.start(environment)) {
                assertEverythingAcknowledgedIsThere(api, threads);
                if (threads.isEmpty()) {
                    for (int c = 0; c < CLIENTS; c++) {
                        threads.add(new Thread_(api.newConversation("crash " + c), Collections.synchronizedList(new ArrayList<>())));
                    }
                }
                AtomicBoolean running = new AtomicBoolean(true);
                List<Thread> clients = new ArrayList<>();
                for (Thread_ thread : threads) {
                    int cycleNumber = cycle;
                    clients.add(Thread.ofPlatform().start(() -> postAndReadUntilDown(api, thread, cycleNumber, running)));
                }
                Thread.sleep(200 + random.nextInt(1300));
                pippa.kill();
                running.set(false);
                for (Thread client : clients) {
                    client.join();
                }
            }
            assertThat(integrityCheck(database)).as("after kill %d (seed %d)", cycle + 1, seed).isEqualTo("ok");
        }
        try (PippaProcess last = PippaProcess.start(environment)) {
            int found = assertEverythingAcknowledgedIsThere(api, threads);
            for (Thread_ thread : threads) {
                totalAcknowledged += thread.acknowledged().size();
            }
            System.out.printf("crash safety: %d kill -9 cycles, %d acknowledged, %d found, %d lost (seed %d)%n",
                    KILL_CYCLES, totalAcknowledged, found, totalAcknowledged - found, seed);
            assertThat(found).isEqualTo(totalAcknowledged);
            assertThat(last.terminate()).isZero();
        }
    }

    /** Posts (recording each 201) and reads, alternately, until the server stops answering. */
    private static void postAndReadUntilDown(ApiClient api, Thread_ thread, int cycle, AtomicBoolean running) {
        int n = 0;
        while (running.get()) {
            try {
                String content = "cycle " + cycle + " message " + n++ + " \u00e9\u4e2d\ud83d\ude00";
                ApiClient.Reply reply = api.post("/v1/conversations/" + thread.conversation() + "/messages",
                        "{\"role\":\"user\",\"content\":\"" + content + "\"}");
                if (reply.status() == 201) {
                    thread.acknowledged().add(new String[] {reply.json().get("id").asText(), content});
                }
                api.get("/v1/conversations/" + thread.conversation() + "/messages?limit=20&order=desc");
            } catch (UncheckedIOException | IllegalStateException e) {
                return; // the server was killed: whatever was not acknowledged may or may not be stored
            }
        }
    }

    /** Every acknowledged message is stored with its content, in acknowledgement order; returns how many. */
    private static int assertEverythingAcknowledgedIsThere(ApiClient api, List<Thread_> threads) {
        int found = 0;
        for (Thread_ thread : threads) {
            Map<String, String> stored = new LinkedHashMap<>();
            String cursor = null;
            do {
                JsonNode page = api.get("/v1/conversations/" + thread.conversation() + "/messages?limit=100"
                        + (cursor == null ? "" : "&cursor=" + cursor)).json();
                page.get("data").forEach(m -> stored.put(m.get("id").asText(), m.get("content").asText()));
                cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
            } while (cursor != null);
            List<String> storedAcknowledged = new ArrayList<>(stored.keySet());
            List<String> acknowledgedIds = new ArrayList<>();
            synchronized (thread.acknowledged()) {
                for (String[] message : thread.acknowledged()) {
                    acknowledgedIds.add(message[0]);
                    assertThat(stored.get(message[0])).as("content of " + message[0]).isEqualTo(message[1]);
                }
            }
            storedAcknowledged.retainAll(acknowledgedIds);
            assertThat(storedAcknowledged).as("acknowledged messages, in order").isEqualTo(acknowledgedIds);
            found += storedAcknowledged.size();
        }
        return found;
    }

    private static String integrityCheck(Path database) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
             ResultSet check = db.createStatement().executeQuery("PRAGMA integrity_check")) {
            check.next();
            return check.getString(1);
        }
    }

    @Test
    void givenWritesGoingOn_whenBackedUpWithTheCli_thenTheBackupHoldsEveryMessageAcknowledgedBeforeItBegan()
            throws Exception {
        int port = PippaProcess.freePort();
        Path database = directory.resolve("live.db");
        Path backup = directory.resolve("backup/pippa-backup.db");
        java.nio.file.Files.createDirectories(backup.getParent());
        ApiClient api = new ApiClient(port);
        Thread_ writes;
        List<String[]> beforeBackup;
        try (PippaProcess pippa = PippaProcess.start(environment(port, database))) {
            writes = new Thread_(api.newConversation("backed up"), Collections.synchronizedList(new ArrayList<>()));
            AtomicBoolean running = new AtomicBoolean(true);
            Thread client = Thread.ofPlatform().start(() -> postAndReadUntilDown(api, writes, 0, running));
            while (writes.acknowledged().size() < 200) {
                Thread.sleep(20);
            }
            synchronized (writes.acknowledged()) {
                beforeBackup = new ArrayList<>(writes.acknowledged());
            }

            try (PippaProcess backupRun = PippaProcess.run(Map.of("PIPPA_DB_PATH", database.toString()),
                    "backup", backup.toString())) {
                assertThat(backupRun.awaitExit()).as(backupRun.output()).isZero();
                assertThat(backupRun.output()).startsWith("pippa: backed up " + database);
            }
            int duringBackup = writes.acknowledged().size() - beforeBackup.size();
            running.set(false);
            client.join();
            assertThat(pippa.terminate()).isZero();
            System.out.printf("backup under load: %d messages acknowledged before it began, %d more while it ran%n",
                    beforeBackup.size(), duringBackup);
        }
        assertThat(integrityCheck(backup)).isEqualTo("ok");
        int restoredPort = PippaProcess.freePort();
        try (PippaProcess restored = PippaProcess.start(environment(restoredPort, backup))) {
            Thread_ expected = new Thread_(writes.conversation(), beforeBackup);
            int found = assertEverythingAcknowledgedIsThere(new ApiClient(restoredPort), List.of(expected));
            assertThat(found).isEqualTo(beforeBackup.size());
            assertThat(restored.terminate()).isZero();
        }
    }

    @Test
    void givenADatabaseLockedByAnotherProcess_whenStarting_thenOneClearLineAndExitCode2() throws Exception {
        Path database = directory.resolve("locked.db");
        int port = PippaProcess.freePort();
        try (PippaProcess first = PippaProcess.start(environment(port, database))) {
            assertThat(first.terminate()).isZero(); // creates and migrates the file
        }
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = holder.createStatement()) {
            statement.execute("PRAGMA locking_mode=EXCLUSIVE");
            statement.execute("BEGIN EXCLUSIVE");
            statement.execute("CREATE TABLE lock_holder (x)");

            try (PippaProcess pippa = PippaProcess.run(new HashMap<>(environment(port, database)))) {
                assertThat(pippa.awaitExit()).isEqualTo(2);
                assertThat(pippa.output()).startsWith("pippa: cannot start: cannot open database " + database)
                        .contains("locked").doesNotContain("\n");
            }
            statement.execute("ROLLBACK");
        }
    }

    @Test
    void givenADatabaseTheServiceMayNotWrite_whenStarting_thenOneClearLineAndExitCode2() throws Exception {
        Path folder = directory.resolve("read-only");
        Path database = folder.resolve("pippa.db");
        int port = PippaProcess.freePort();
        try (PippaProcess first = PippaProcess.start(environment(port, database))) {
            assertThat(first.terminate()).isZero();
        }
        // Readable by everyone, writable by no one but root (who is not the one starting it below).
        java.nio.file.Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        java.nio.file.Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        java.nio.file.Files.setPosixFilePermissions(database, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        try (PippaProcess pippa = PippaProcess.runUnprivileged(environment(port, database))) {
            assertThat(pippa.awaitExit()).as(pippa.output()).isEqualTo(2);
            assertThat(pippa.output()).isEqualTo("pippa: cannot start: cannot use database folder " + folder
                    + ": permission denied");
        } finally {
            java.nio.file.Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void givenPendingJobs_whenTheServerIsKilledAndRestarted_thenEveryJobCompletes() throws Exception {
        int port = PippaProcess.freePort();
        Path database = directory.resolve("jobs.db");
        Map<String, String> noWorkers = new HashMap<>(environment(port, database));
        noWorkers.putAll(Map.of("PIPPA_JOBS_WORKERS", "0", "PIPPA_SUMMARY_EVERY", "10"));
        ApiClient api = new ApiClient(port);
        String conversation;
        try (PippaProcess pippa = PippaProcess.start(noWorkers)) {
            conversation = api.newConversation("jobs survive");
            for (int i = 0; i < 30; i++) {
                api.postMessage(conversation, "durable job " + i);
            }
            assertThat(api.metric("pippa_jobs_pending")).isEqualTo(33); // 30 index jobs, 3 summaries
            pippa.kill();
        }
        try (PippaProcess restarted = PippaProcess.start(environment(port, database))) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while ((api.metric("pippa_jobs_pending") > 0 || api.metric("pippa_jobs_running") > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(api.metric("pippa_jobs_pending")).isZero();
            assertThat(api.metric("pippa_jobs_running")).isZero();
            assertThat(api.metric("pippa_jobs_failed")).isZero();
            assertThat(api.get("/v1/search?q=durable&limit=100").json().get("data")).hasSize(30);
            JsonNode summary = api.get("/v1/conversations/" + conversation + "/summary").json();
            assertThat(summary.get("status").asText()).isEqualTo("ready");
            assertThat(summary.get("message_count_covered").asInt()).isEqualTo(30);
            assertThat(restarted.terminate()).isZero();
        }
    }
}
