package dev.pippa.adapter.out.sqlite;

import dev.pippa.application.testing.EventStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventStoreTest extends EventStoreContract {

    @TempDir
    Path folder;

    @Override
    protected Stores openStores() {
        SqliteDatabase database = SqliteDatabase.open(SqliteSettings.defaults(folder.resolve("events.db")));
        return new Stores(new SqliteConversationStore(database), new SqliteSummaryStore(database),
                new SqliteEventStore(database), database);
    }
}
