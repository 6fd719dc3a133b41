package dev.pippa.bootstrap;

import dev.pippa.application.service.StoreCopy;
import dev.pippa.domain.DomainException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * {@code pippa copy --from SOURCE --to TARGET}: moves a whole database between SQLite files and PostgreSQL
 * URLs, either way. The target must be empty; the source must not be served meanwhile (a SQLite source is
 * locked by its server, so that is refused). Exit 0 when the copy was read back and matched, 2 otherwise.
 */
final class CopyCommand {

    static final String USAGE = "copy takes --from SOURCE --to TARGET (each a SQLite file or a PostgreSQL URL)";

    private CopyCommand() {
    }

    static int run(String[] args, Map<String, String> environment, PrintStream console) {
        String from = option(args, "--from");
        String to = option(args, "--to");
        if (from == null || to == null || args.length != 5) {
            console.println("pippa: " + USAGE);
            return Main.EXIT_CANNOT_START;
        }
        long startNanos = System.nanoTime();
        try {
            DatabaseChoice source = Settings.databaseAt(from, environment);
            DatabaseChoice target = Settings.databaseAt(to, environment);
            if (source.describe().equals(target.describe())) {
                console.println("pippa: cannot copy: the source and the target are the same database");
                return Main.EXIT_CANNOT_START;
            }
            try (Persistence reading = Persistence.open(source, Clock.systemUTC());
                 Persistence writing = Persistence.open(target, Clock.systemUTC())) {
                var copied = StoreCopy.copy(reading.forCopy(), writing.forCopy(),
                        progress -> console.println("pippa: copy: " + progress));
                console.printf("pippa: copied %s to %s in %d ms: %d users, %d conversations, %d messages, %d idempotency"
                                + " keys, %d summaries, %d jobs queued; read back and verified (sha-256 %s)%n",
                        source.describe(), target.describe(), (System.nanoTime() - startNanos) / 1_000_000,
                        copied.users(), copied.conversations(), copied.messages(), copied.keys(), copied.summaries(),
                        copied.jobs(), copied.checksum());
                return Main.EXIT_OK;
            }
        } catch (Settings.InvalidSettingException | DomainException e) {
            console.println("pippa: cannot copy: " + e.getMessage());
            return Main.EXIT_CANNOT_START;
        }
    }

    /** The value after {@code name}, or null. */
    private static String option(String[] args, String name) {
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }
}
