package dev.pippa.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every start-up that cannot work says so in one line naming what and why, and exits 2, from the real jar
 * (and the script where it does the work itself); the CLI explains itself.
 */
class StartUpFailureIT {

    @TempDir
    Path directory;

    @Test
    void givenThePortTaken_whenStarting_thenOneLineNamingThePortAndExit2() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            try (PippaProcess pippa = PippaProcess.run(environment(port, directory.resolve("port.db")))) {
                assertThat(pippa.awaitExit()).isEqualTo(2);
                assertThat(pippa.output()).startsWith("pippa: cannot start: cannot listen on 127.0.0.1:" + port)
                        .contains("SERVER_PORT").doesNotContain("\n");
            }
        }
    }

    @Test
    void givenAServerOnADatabase_whenASecondProcessStartsOnIt_thenRefusedWhileBackupStillWorks() throws Exception {
        Path database = directory.resolve("shared.db");
        int port = PippaProcess.freePort();
        try (PippaProcess first = PippaProcess.start(environment(port, database))) {
            String conversation = new ApiClient(port).newConversation("kept");
            try (PippaProcess second = PippaProcess.run(environment(PippaProcess.freePort(), database))) {
                assertThat(second.awaitExit()).isEqualTo(2);
                assertThat(second.output()).isEqualTo("pippa: cannot start: another Pippa process is serving "
                        + database + " (it holds " + database + ".lock); stop it first, or use another PIPPA_DB_PATH");
            }
            Path copy = directory.resolve("copy.db");
            try (PippaProcess backup = PippaProcess.run(environment(0, database), "backup", copy.toString())) {
                assertThat(backup.awaitExit()).as(backup.output()).isZero();
            }
            assertThat(copy).isNotEmptyFile();
            assertThat(new ApiClient(port).get("/v1/conversations/" + conversation).status()).isEqualTo(200);
            assertThat(first.terminate()).isZero();
        }
        // The lock dies with its process: the file can be served again.
        try (PippaProcess again = PippaProcess.start(environment(PippaProcess.freePort(), database))) {
            assertThat(again.terminate()).isZero();
        }
    }

    @Test
    void givenAFolderTheServiceMayNotWrite_whenStarting_thenOneLineSayingPermissionDenied() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run as another user");
        Path locked = Files.createDirectories(directory.resolve("locked"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try (PippaProcess pippa = PippaProcess.runUnprivileged(environment(0, locked.resolve("pippa.db")))) {
            assertThat(pippa.awaitExit()).isEqualTo(2);
            assertThat(pippa.output()).isEqualTo("pippa: cannot start: cannot use database folder " + locked
                    + ": permission denied");
        }
    }

    @Test
    void givenAReadOnlyFileSystem_whenTheJarOrTheScriptStarts_thenOneLineSayingSoAndExit2() throws Exception {
        Path readOnly = Files.createDirectories(directory.resolve("ro"));
        assumeTrue(run(List.of("mount", "-t", "tmpfs", "-o", "ro", "tmpfs", readOnly.toString())).exitCode() == 0,
                "needs permission to mount a read-only tmpfs");
        try {
            try (PippaProcess jar = PippaProcess.run(environment(0, readOnly.resolve("pippa.db")))) {
                assertThat(jar.awaitExit()).isEqualTo(2);
                assertThat(jar.output()).isEqualTo("pippa: cannot start: cannot use database folder " + readOnly
                        + ": read-only file system");
            }
            markJarBuilt(); // so the script runs the jar that `package` made instead of building one
            Result script = run(List.of("../pippa", "serve"), Map.of("PIPPA_DB_PATH",
                    readOnly.resolve("pippa.db").toString(), "SERVER_PORT", "0"));
            assertThat(script.exitCode()).isEqualTo(2);
            // The last line: the script first rebuilds if sources changed after the stamp (a developer editing).
            String[] lines = script.output().strip().split("\n");
            assertThat(lines[lines.length - 1]).isEqualTo("pippa: cannot start: cannot create the token-signing key "
                    + readOnly.resolve("pippa-jwt.key") + ": Read-only file system");
        } finally {
            run(List.of("umount", readOnly.toString()));
        }
    }

    @Test
    void givenABackupIntoAMissingFolder_whenRun_thenOneLineSayingNoSuchFolderAndExit2() throws Exception {
        Path database = directory.resolve("source.db");
        try (PippaProcess pippa = PippaProcess.start(environment(PippaProcess.freePort(), database))) {
            assertThat(pippa.terminate()).isZero();
        }
        Path target = directory.resolve("missing/copy.db");
        try (PippaProcess backup = PippaProcess.run(environment(0, database), "backup", target.toString())) {
            assertThat(backup.awaitExit()).isEqualTo(2);
            assertThat(backup.output()).isEqualTo("pippa: cannot back up: cannot use backup folder "
                    + target.getParent() + ": no such folder");
        }
    }

    @Test
    void givenAPostgresUrlThatCannotServe_whenStarting_thenOneLineWithoutThePasswordAndExit2() throws Exception {
        int closedPort = PippaProcess.freePort();
        Map<String, String> unreachable = Map.of("SERVER_PORT", "0", "PIPPA_AUTH", "none",
                "PIPPA_DB_URL", "postgresql://pippa:hunter2@127.0.0.1:" + closedPort + "/pippa",
                "PIPPA_DB_CONNECT_TIMEOUT_SECONDS", "1");
        try (PippaProcess pippa = PippaProcess.run(unreachable)) {
            assertThat(pippa.awaitExit()).isEqualTo(2);
            assertThat(pippa.output()).isEqualTo("pippa: cannot start: cannot open database jdbc:postgresql://127.0.0.1:"
                    + closedPort + "/pippa: Connection refused");
        }
        try (PippaProcess pippa = PippaProcess.run(Map.of("PIPPA_AUTH", "none",
                "PIPPA_DB_URL", "mysql://root:hunter2@db/chat"))) {
            assertThat(pippa.awaitExit()).isEqualTo(2);
            assertThat(pippa.output()).isEqualTo("pippa: cannot start: invalid setting pippa.db.url"
                    + " (PIPPA_DB_URL=mysql://root:***@db/chat): expected jdbc:postgresql://host:port/db or"
                    + " postgresql://user:password@host:port/db");
        }
        try (PippaProcess backup = PippaProcess.run(unreachable, "backup", directory.resolve("b.db").toString())) {
            assertThat(backup.awaitExit()).isEqualTo(2);
            assertThat(backup.output()).isEqualTo("pippa: cannot back up: backup copies a SQLite file; for"
                    + " PostgreSQL use pg_dump (docs/operations.md)");
        }
    }

    @Test
    void givenTheCli_whenAskedForHelpOrVersionOrGivenOptions_thenItExplainsItself() throws Exception {
        for (String help : List.of("--help", "-h", "help")) {
            try (PippaProcess pippa = PippaProcess.run(Map.of(), help)) {
                assertThat(pippa.awaitExit()).as(help).isZero();
                assertThat(pippa.output()).contains("serve", "backup FILE", "copy --from SOURCE --to TARGET", "build",
                        "environment variables", "configuration table");
            }
        }
        try (PippaProcess pippa = PippaProcess.run(Map.of(), "--version")) {
            assertThat(pippa.awaitExit()).isZero();
            assertThat(pippa.output()).matches("pippa \\d+\\.\\d+\\.\\d+.*");
        }
        try (PippaProcess pippa = PippaProcess.run(Map.of(), "serve", "--port", "9000")) {
            assertThat(pippa.awaitExit()).isEqualTo(2);
            assertThat(pippa.output()).startsWith("pippa: serve takes no arguments, got '--port': settings are "
                    + "environment variables (SERVER_PORT=9000 ./pippa serve)");
        }
        try (PippaProcess pippa = PippaProcess.run(Map.of(), "frobnicate")) {
            assertThat(pippa.awaitExit()).isEqualTo(2);
            assertThat(pippa.output()).startsWith("pippa: unknown verb 'frobnicate'\nusage: pippa VERB");
        }
    }

    private static Map<String, String> environment(int port, Path database) {
        return Map.of("SERVER_PORT", Integer.toString(port), "PIPPA_DB_PATH", database.toString(),
                "PIPPA_AUTH", "none", "PIPPA_ACCESS_LOG", "false");
    }

    private static void markJarBuilt() throws IOException {
        Path stamp = Path.of("target/.pippa-built");
        if (!Files.exists(stamp)) {
            Files.createFile(stamp);
        }
        Files.setLastModifiedTime(stamp, Files.getLastModifiedTime(Path.of("target/pippa.jar")));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        return run(command, Map.of());
    }

    private static Result run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s hung", command).isTrue();
        return new Result(process.exitValue(), output);
    }
}
