package dev.pippa.bench;

import dev.pippa.adapter.out.sqlite.SqliteConversationStore;
import dev.pippa.adapter.out.sqlite.SqliteDatabase;
import dev.pippa.application.port.in.ConversationUseCases;
import dev.pippa.application.port.in.MessageUseCases;
import dev.pippa.application.service.Services;
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
    private final SqliteDatabase database;
    private final ConversationUseCases conversations;
    private final MessageUseCases messages;

    TemporaryStore() throws IOException {
        directory = Files.createTempDirectory("pippa-jmh");
        database = SqliteDatabase.open(SqliteSettings.defaults(directory.resolve("bench.db")));
        SqliteConversationStore store = new SqliteConversationStore(database);
        conversations = Services.conversations(store);
        messages = Services.messages(store, Clock.systemUTC(), BackgroundJobs.causedBy(20));
    }

    SqliteDatabase database() {
        return database;
    }

    ConversationUseCases conversations() {
        return conversations;
    }

    /** Messages as the service posts them: each also queues its index job (and every 20th a summary job). */
    MessageUseCases messages() {
        return messages;
    }

    @Override
    public void close() throws IOException {
        database.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
