package dev.pippa.adapter.out.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.testing.ConversationStoreContract;
import dev.pippa.domain.ConversationStore;
import dev.pippa.domain.NewConversation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConversationStoreTest extends ConversationStoreContract {

    @TempDir
    Path directory;

    @Override
    protected ConversationStore openStore() {
        return SqliteConversationStore.open(SqliteSettings.defaults(directory.resolve("pippa.db")));
    }

    @Override
    protected ConversationStore reopen(ConversationStore store) {
        SqliteConversationStore sqlite = (SqliteConversationStore) store;
        sqlite.close();
        return SqliteConversationStore.open(sqlite.settings());
    }

    @Test
    void givenWrites_whenTheStoreIsClosed_thenTheWalIsCheckpointedIntoTheDatabaseFile() {
        SqliteConversationStore sqlite = (SqliteConversationStore) store;
        for (int i = 0; i < 20; i++) {
            sqlite.createConversation(ALICE, new NewConversation("c" + i, null));
        }
        Path wal = directory.resolve("pippa.db-wal");
        assertThat(wal).exists();

        sqlite.close();

        assertThat(wal).doesNotExist();
    }
}
