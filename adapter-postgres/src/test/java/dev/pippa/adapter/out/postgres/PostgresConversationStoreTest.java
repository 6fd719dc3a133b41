package dev.pippa.adapter.out.postgres;

import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.testing.ConversationStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The conversation contract on a real PostgreSQL server, with a second pool as a second node. */
class PostgresConversationStoreTest extends ConversationStoreContract {

    private PostgresDatabase database;
    private final List<PostgresDatabase> otherNodes = new ArrayList<>();

    @Override
    protected ConversationStore openStore() {
        database = PostgresDatabase.open(PostgresSettings.of(EmbeddedPostgresServer.newDatabase()));
        return new PostgresConversationStore(database);
    }

    @Override
    protected ConversationStore reopen(ConversationStore store) {
        database.close();
        database = PostgresDatabase.open(database.settings());
        return new PostgresConversationStore(database);
    }

    @Override
    protected ConversationStore openSecondNode(ConversationStore store) {
        PostgresDatabase other = PostgresDatabase.open(database.settings());
        otherNodes.add(other);
        return new PostgresConversationStore(other);
    }

    @AfterEach
    void closeDatabases() {
        otherNodes.forEach(PostgresDatabase::close);
        database.close();
    }
}
