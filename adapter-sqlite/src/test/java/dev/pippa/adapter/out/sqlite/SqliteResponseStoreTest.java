package dev.pippa.adapter.out.sqlite;

import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.testing.ResponseStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteResponseStoreTest extends ResponseStoreContract {

    @TempDir
    Path folder;

    private SqliteDatabase database;

    @Override
    protected ConversationStore openStore() {
        database = SqliteDatabase.open(SqliteSettings.defaults(folder.resolve("responses.db")));
        return new SqliteConversationStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
