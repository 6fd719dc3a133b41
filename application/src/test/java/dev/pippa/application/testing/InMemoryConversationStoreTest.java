package dev.pippa.application.testing;

import dev.pippa.application.port.out.ConversationStore;

class InMemoryConversationStoreTest extends ConversationStoreContract {

    @Override
    protected ConversationStore openStore() {
        return new InMemoryConversationStore();
    }

    @Override
    protected ConversationStore reopen(ConversationStore store) {
        return store; // nothing to reopen: memory is its own persistence
    }
}
