package dev.pippa.adapter.out.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.testing.ConversationStoreContract;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.domain.NewConversation;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConversationStoreTest extends ConversationStoreContract {

    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected ConversationStore openStore() {
        database = SqliteDatabase.open(SqliteSettings.defaults(directory.resolve("pippa.db")));
        return new SqliteConversationStore(database);
    }

    @Override
    protected ConversationStore reopen(ConversationStore store) {
        database.close();
        database = SqliteDatabase.open(database.settings());
        return new SqliteConversationStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void givenWrites_whenTheDatabaseIsClosed_thenTheWalIsCheckpointedIntoTheDatabaseFile() {
        for (int i = 0; i < 20; i++) {
            store.createConversation(ALICE, new NewConversation("c" + i, null));
        }
        Path wal = directory.resolve("pippa.db-wal");
        assertThat(wal).exists();

        database.close();

        assertThat(wal).doesNotExist();
    }

    @Test
    void givenAnOpenDatabase_whenAnotherOpensTheSameFile_thenRefusedUntilTheFirstCloses() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqliteDatabase.open(database.settings()))
                .hasMessageContaining("another Pippa process is serving");

        database.close();
        database = SqliteDatabase.open(database.settings());

        assertThat(database.isReadable()).isTrue();
    }
}
