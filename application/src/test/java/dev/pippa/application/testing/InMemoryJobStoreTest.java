package dev.pippa.application.testing;

import dev.pippa.application.port.out.JobStore;

class InMemoryJobStoreTest extends JobStoreContract {

    @Override
    protected JobStore openJobStore() {
        return new InMemoryJobStore(clock);
    }
}
