package dev.pippa.adapter.out.postgres;

import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.testing.ResponseStoreContract;
import org.junit.jupiter.api.AfterEach;

class PostgresResponseStoreTest extends ResponseStoreContract {

    private PostgresDatabase database;

    @Override
    protected ConversationStore openStore() {
        database = PostgresDatabase.open(PostgresSettings.of(EmbeddedPostgresServer.newDatabase()));
        return new PostgresConversationStore(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
