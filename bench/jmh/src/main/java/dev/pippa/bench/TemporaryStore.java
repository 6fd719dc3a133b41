package dev.pippa.bench;

import dev.pippa.adapter.out.sqlite.SqliteConversationStore;
import dev.pippa.adapter.out.sqlite.SqliteSettings;
import dev.pippa.application.service.BackgroundJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A store as the service opens it (default settings, a summary job every 20 messages) on a fresh file in
 * a temporary folder, which {@link #close()} deletes.
 */
final class TemporaryStore implements AutoCloseable {

    private final Path directory;
    private final SqliteConversationStore store;

    TemporaryStore() throws IOException {
        directory = Files.createTempDirectory("pippa-jmh");
        store = SqliteConversationStore.open(SqliteSettings.defaults(directory.resolve("bench.db")),
                Clock.systemUTC(), BackgroundJobs.causedBy(20));
    }

    SqliteConversationStore store() {
        return store;
    }

    @Override
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
