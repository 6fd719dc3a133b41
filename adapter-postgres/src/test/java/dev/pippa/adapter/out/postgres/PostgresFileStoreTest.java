package dev.pippa.adapter.out.postgres;

import dev.pippa.application.testing.FileStoreContract;

class PostgresFileStoreTest extends FileStoreContract {

    @Override
    protected FileStores openStores() {
        PostgresStores postgres = PostgresStores.fresh();
        return new FileStores(postgres.conversations(), new PostgresFileStore(postgres.database()), postgres);
    }
}
