package dev.pippa.application.testing;

import dev.pippa.domain.JobStore;

class InMemoryJobStoreTest extends JobStoreContract {

    @Override
    protected JobStore openJobStore() {
        return new InMemoryJobStore(clock);
    }
}
