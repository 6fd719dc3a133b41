package dev.pippa.adapter.out.postgres;

import dev.pippa.application.port.out.UserStore;
import dev.pippa.application.testing.UserStoreContract;
import org.junit.jupiter.api.AfterEach;

class PostgresUserStoreTest extends UserStoreContract {

    private PostgresStores postgres;

    @Override
    protected UserStore openUserStore() {
        postgres = PostgresStores.fresh();
        return postgres.users();
    }

    @AfterEach
    void close() {
        postgres.close();
    }
}
