package dev.pippa.bootstrap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The packaged jar run as a real process, as an operator would run it, for end-to-end tests. */
final class PippaProcess implements AutoCloseable {

    /**
     * How long before a start or an exit counts as hung. Not a speed verdict: a loaded CI machine once took
     * over 30 s to start a JVM, so the bound only catches a process that will never get there.
     */
    private static final Duration HANG = Duration.ofMinutes(5);

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<String> started = new CompletableFuture<>();
    private final Thread outputReader;

    /**
     * @param prefix     what runs the JVM (e.g. setpriv), or nothing
     * @param jvmOptions options for the JVM, before {@code -jar}
     */
    private PippaProcess(List<String> prefix, List<String> jvmOptions, Map<String, String> environment,
                         String... arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(prefix);
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(arguments.length == 0 ? List.of("serve") : List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        outputReader = Thread.ofVirtual().start(this::collectOutput);
    }

    /** Starts the jar and waits for its start-up line; fails with its output if it exits instead. */
    static PippaProcess start(Map<String, String> environment) throws Exception {
        return start(List.of(), environment);
    }

    /** {@link #start(Map)} with these JVM options. */
    static PippaProcess start(List<String> jvmOptions, Map<String, String> environment) throws Exception {
        PippaProcess pippa = new PippaProcess(List.of(), jvmOptions, environment);
        try {
            pippa.started.get(HANG.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            pippa.close();
            throw new AssertionError("pippa did not start; output:\n" + pippa.output());
        }
        return pippa;
    }

    /** Runs the jar ({@code serve} unless other arguments are given) expecting it to stop by itself. */
    static PippaProcess run(Map<String, String> environment, String... arguments) throws IOException {
        return run(List.of(), environment, arguments);
    }

    /** {@link #run(Map, String...)} with these JVM options. */
    static PippaProcess run(List<String> jvmOptions, Map<String, String> environment, String... arguments)
            throws IOException {
        return new PippaProcess(List.of(), jvmOptions, environment, arguments);
    }

    /**
     * Runs {@code serve} as the unprivileged user {@code nobody} (via setpriv) when the tests run as root,
     * so file permissions bind it as they would bind a service account.
     */
    static PippaProcess runUnprivileged(Map<String, String> environment) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> prefix = root
                ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--")
                : List.of();
        return new PippaProcess(prefix, List.of(), environment);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("pippa.jar", "target/pippa.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: end-to-end tests run after `package`");
        }
        return jar;
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
                if (line.startsWith("pippa: serving ")) {
                    started.complete(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            started.completeExceptionally(new IllegalStateException("exited"));
        }
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    String startLine() {
        return started.join();
    }

    /** Sends SIGTERM, as `kill` or a service manager would, and returns the exit code. */
    int terminate() throws InterruptedException {
        process.toHandle().destroy(); // Process.destroy() would also close our end of its output
        return awaitExit();
    }

    /** SIGKILL: the process dies at once, with no chance to drain, commit or close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        outputReader.join(5_000);
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(HANG.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pippa did not exit within " + HANG.toSeconds() + " s; output:\n" + output());
        }
        outputReader.join(5_000); // the last lines may still be in the pipe
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
