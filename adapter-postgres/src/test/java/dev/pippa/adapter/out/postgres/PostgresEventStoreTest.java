package dev.pippa.adapter.out.postgres;

import dev.pippa.application.testing.EventStoreContract;

class PostgresEventStoreTest extends EventStoreContract {

    private PostgresSettings settings;

    @Override
    protected Stores openStores() {
        settings = PostgresSettings.of(EmbeddedPostgresServer.newDatabase());
        return node(PostgresDatabase.open(settings));
    }

    @Override
    protected Stores openSecondNode(Stores first) {
        return node(PostgresDatabase.open(settings));
    }

    private static Stores node(PostgresDatabase database) {
        return new Stores(new PostgresConversationStore(database), new PostgresSummaryStore(database),
                new PostgresEventStore(database), database);
    }
}
