package dev.pippa.adapter.out.sqlite;

import dev.pippa.application.testing.ConversationStoreContract;
import dev.pippa.domain.ConversationStore;
import java.nio.file.Path;
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
}
