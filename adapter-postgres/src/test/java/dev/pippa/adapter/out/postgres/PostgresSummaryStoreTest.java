package dev.pippa.adapter.out.postgres;

import dev.pippa.application.testing.SummaryStoreContract;
import dev.pippa.application.testing.SearchStores;

class PostgresSummaryStoreTest extends SummaryStoreContract {

    @Override
    protected SearchStores openStores() {
        return PostgresStores.fresh().searchStores();
    }
}
