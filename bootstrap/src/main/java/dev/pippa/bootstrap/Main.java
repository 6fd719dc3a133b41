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
    private static final String USAGE = """
            usage: pippa VERB
              serve          serve the API (http://127.0.0.1:8080 with ./pippa.db unless configured)
              backup FILE    write a consistent copy of the database to FILE, also while a server runs
              copy --from SOURCE --to TARGET
                             copy everything between a SQLite file and a PostgreSQL URL (either way)
                             into an empty target, then read it back and verify it
              export FILE [--user EMAIL]
                             write conversations as NDJSON (one user's, or everyone's), as GET /v1/export
              import FILE [--user EMAIL]
                             import Pippa's NDJSON or a ChatGPT conversations.json into that user (or
                             PIPPA_OWNER), as POST /v1/import
              build          (./pippa only) build the jar and its start-up cache when the sources changed
              train          a short self-exercise that records the start-up cache (./pippa build runs it)
              help           this text (also -h, --help)
              version        the version (also --version)
            Settings are environment variables, not options: e.g. SERVER_PORT=9000 PIPPA_DB_PATH=/data/chat.db
            ./pippa serve, or PIPPA_DB_URL=postgresql://user:password@host:5432/pippa ./pippa serve. The README's configuration table lists them all; their defaults are in
            pippa.properties inside the jar.""";

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime(); // logging.properties from the jar, unless the operator set their own
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream console) {
        String verb = args.length == 0 ? "" : args[0];
        return switch (verb) {
            case "help", "-h", "--help" -> {
                out.println(USAGE);
                yield EXIT_OK;
            }
            case "version", "--version" -> {
                out.println("pippa " + version());
                yield EXIT_OK;
            }
            case "serve", "train" -> args.length > 1 ? noOptions(verb, args[1], console)
                    : verb.equals("serve") ? serve(console) : StartUpTraining.run(console);
            case "backup" -> args.length == 2 && !args[1].startsWith("-") ? backUp(Path.of(args[1]), console)
                    : usageError("backup takes one argument, the file to write", console);
            case "copy" -> CopyCommand.run(args, System.getenv(), console);
            case "export", "import" -> TransferCommand.run(args, System.getenv(), console);
            default -> usageError(verb.isEmpty() ? "no verb given" : "unknown verb '" + verb + "'", console);
        };
    }

    /** Options such as --port are not how Pippa is configured: say what is. */
    private static int noOptions(String verb, String given, PrintStream console) {
        String hint = given.startsWith("--port") ? " (SERVER_PORT=9000 ./pippa serve)"
                : given.startsWith("--host") ? " (SERVER_HOST=0.0.0.0 ./pippa serve)" : "";
        return usageError(verb + " takes no arguments, got '" + given + "': settings are environment variables"
                + hint, console);
    }

    private static int usageError(String what, PrintStream console) {
        console.println("pippa: " + what);
        console.println(USAGE);
        return EXIT_CANNOT_START;
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    static int backUp(Path target, PrintStream console) {
        long startNanos = System.nanoTime();
        try {
            if (!(DatabaseChoice.from(Settings.reader(System.getenv())) instanceof DatabaseChoice.Sqlite(SqliteSettings database))) {
                console.println("pippa: cannot back up: backup copies a SQLite file; for PostgreSQL use pg_dump"
                        + " (docs/operations.md)");
                return EXIT_CANNOT_START;
            }
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
                    settings.database().describe(), (System.nanoTime() - startNanos) / 1_000_000);
        } catch (Settings.InvalidSettingException | StorageException | CannotStartException e) {
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
