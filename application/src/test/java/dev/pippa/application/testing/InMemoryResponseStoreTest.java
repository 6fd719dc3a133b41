package dev.pippa.application.testing;

import dev.pippa.application.port.out.ConversationStore;

class InMemoryResponseStoreTest extends ResponseStoreContract {

    @Override
    protected ConversationStore openStore() {
        return new InMemoryConversationStore();
    }
}
