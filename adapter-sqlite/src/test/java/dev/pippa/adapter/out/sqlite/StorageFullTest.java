package dev.pippa.adapter.out.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full database (here: its size limit, SQLite's max_page_count) refuses writes as FULL and loses nothing. */
class StorageFullTest {

    private static final OwnerId OWNER = new OwnerId("filler");
    private static final String BIG = "x".repeat(100_000);

    @TempDir
    Path directory;

    @Test
    void givenASizeLimit_whenWritesFillIt_thenTheyFailAsFullReadsGoOnAndFreeingSpaceLetsWritesResume() throws Exception {
        SqliteSettings defaults = SqliteSettings.defaults(directory.resolve("small.db"));
        SqliteSettings oneMegabyte = new SqliteSettings(defaults.path(), defaults.synchronous(),
                defaults.readConnections(), defaults.busyTimeout(), defaults.writeQueueCapacity(), defaults.maxBatch(), 1);
        try (SqliteStores store = SqliteStores.open(oneMegabyte)) {
            Conversation ballast = store.conversations().createConversation(OWNER, new NewConversation("ballast", null));
            for (int i = 0; i < 3; i++) {
                store.conversations().appendMessage(OWNER, ballast.id(), new NewMessage(Role.USER, BIG, null));
            }
            Conversation kept = store.conversations().createConversation(OWNER, new NewConversation("kept", null));
            List<Message> stored = new ArrayList<>();
            StorageException refused = null;
            for (int i = 0; i < 50 && refused == null; i++) {
                try {
                    stored.add(store.conversations().appendMessage(OWNER, kept.id(), new NewMessage(Role.USER, i + BIG, null)));
                } catch (StorageException e) {
                    refused = e;
                }
            }

            assertThat(refused).as("a 1 MiB database cannot take 50 messages of 100 kB").isNotNull();
            assertThat(refused.kind()).isEqualTo(StorageException.Kind.FULL);
            assertThat(stored).isNotEmpty();
            assertThat(store.conversations().listMessages(OWNER, kept.id(), PageRequest.first(100, SortOrder.ASC)).items())
                    .containsExactlyElementsOf(stored);
            assertThat(store.conversations().findConversation(OWNER, kept.id()).orElseThrow().messageCount()).isEqualTo(stored.size());

            store.conversations().deleteConversation(OWNER, ballast.id());
            Message afterFreeing = store.conversations().appendMessage(OWNER, kept.id(), new NewMessage(Role.USER, "room again", null));

            assertThat(store.conversations().findMessage(OWNER, kept.id(), afterFreeing.id())).contains(afterFreeing);
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("small.db"));
             ResultSet check = db.createStatement().executeQuery("PRAGMA integrity_check")) {
            assertThat(check.next()).isTrue();
            assertThat(check.getString(1)).isEqualTo("ok");
        }
    }
}
