package dev.pippa.application.testing;

import dev.pippa.application.port.out.UserStore;

class InMemoryUserStoreTest extends UserStoreContract {

    @Override
    protected UserStore openUserStore() {
        return new InMemoryUserStore();
    }
}
