package dev.pippa.adapter.out.postgres;

import dev.pippa.application.testing.VectorStoreContract;

class PostgresVectorStoreTest extends VectorStoreContract {

    @Override
    protected VectorStores openStores() {
        PostgresStores postgres = PostgresStores.fresh();
        return new VectorStores(postgres.conversations(), new PostgresVectorStore(postgres.database()), postgres);
    }
}
