package dev.pippa.adapter.out.postgres;

import dev.pippa.application.testing.MessageSearchContract;
import dev.pippa.application.testing.SearchStores;

class PostgresMessageSearchTest extends MessageSearchContract {

    @Override
    protected SearchStores openStores() {
        return PostgresStores.fresh().searchStores();
    }
}
