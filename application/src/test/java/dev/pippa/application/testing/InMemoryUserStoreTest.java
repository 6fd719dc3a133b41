package dev.pippa.application.testing;

import dev.pippa.domain.UserStore;

class InMemoryUserStoreTest extends UserStoreContract {

    @Override
    protected UserStore openUserStore() {
        return new InMemoryUserStore();
    }
}
