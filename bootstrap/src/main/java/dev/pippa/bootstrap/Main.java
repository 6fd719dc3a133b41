package dev.pippa.bootstrap;

import dev.pippa.adapter.out.sqlite.SqliteBackup;
import dev.pippa.adapter.out.sqlite.SqliteSettings;
import dev.pippa.domain.StorageException;
import io.helidon.logging.common.LogConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * {@code pippa serve}: starts the service and runs until SIGTERM or Ctrl-C, then drains and exits 0.
 * Exit code 2 means it could not start (bad configuration, unusable database or port).
 * {@code pippa backup FILE}: writes a consistent copy of the database (configured as for serve) to FILE,
 * while a service may be using it; exit 0 when done, 2 when it could not.
 * {@code pippa train}: a short self-exercise on a temporary database, for recording a start-up cache
 * (see {@link StartUpTraining}).
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_CANNOT_START = 2;
    private static final String USAGE = "usage: pippa serve | pippa backup FILE | pippa train";

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime(); // logging.properties from the jar, unless the operator set their own
        if (args.length == 1 && args[0].equals("serve")) {
            System.exit(serve(System.err));
        }
        if (args.length == 2 && args[0].equals("backup")) {
            System.exit(backUp(Path.of(args[1]), System.err));
        }
        if (args.length == 1 && args[0].equals("train")) {
            System.exit(StartUpTraining.run(System.err));
        }
        System.err.println(USAGE);
        System.exit(EXIT_CANNOT_START);
    }

    static int backUp(Path target, PrintStream console) {
        long startNanos = System.nanoTime();
        try {
            SqliteSettings database = Settings.loadDatabase(System.getenv());
            long bytes = SqliteBackup.backUp(database, target);
            console.printf("pippa: backed up %s to %s (%d bytes) in %d ms%n", database.path(),
                    target.toAbsolutePath(), bytes, (System.nanoTime() - startNanos) / 1_000_000);
            return EXIT_OK;
        } catch (Settings.InvalidSettingException | StorageException e) {
            console.println("pippa: cannot back up: " + e.getMessage());
            return EXIT_CANNOT_START;
        }
    }

    static int serve(PrintStream console) {
        long startNanos = System.nanoTime();
        // Handlers first: a SIGTERM that arrives just after the start line must drain, not kill.
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        PippaServer server;
        try {
            Settings settings = Settings.load(System.getenv());
            server = PippaServer.start(settings);
            console.printf("pippa: serving %s (database %s) in %d ms%n", server.url(),
                    settings.database().path(), (System.nanoTime() - startNanos) / 1_000_000);
        } catch (Settings.InvalidSettingException | StorageException e) {
            console.println("pippa: cannot start: " + e.getMessage());
            return EXIT_CANNOT_START;
        } catch (RuntimeException e) {
            console.println("pippa: cannot start: " + describe(e));
            return EXIT_CANNOT_START;
        }
        awaitStopSignal(stop);
        console.println("pippa: stopping: draining requests");
        server.stop();
        console.println("pippa: stopped");
        return EXIT_OK;
    }

    private static void awaitStopSignal(CountDownLatch stop) {
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The innermost cause usually says it best (e.g. "Address already in use"). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getMessage() + ": " + root.getMessage();
    }
}
