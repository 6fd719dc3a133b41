package dev.pippa.application.service;

import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.SortOrder;
import java.time.Clock;
import java.util.List;

/**
 * Erases an owner's data: each conversation exactly as its deletion would (messages, search entries,
 * summary, responses, import records), each in its own transaction so writers never wait long, then the
 * owner's idempotency keys, events and jobs.
 */
final class AccountEraser {

    private static final int PAGE = 100;

    private final ConversationStore store;
    private final ConversationService conversations;

    AccountEraser(ConversationStore store, Clock clock) {
        this.store = store;
        this.conversations = new ConversationService(store, clock);
    }

    void erase(OwnerId owner) {
        List<Conversation> page;
        do {
            page = store.listConversations(owner, ConversationFilter.ALL, null, SortOrder.ASC, PAGE);
            conversations.deleteEach(page);
        } while (!page.isEmpty());
        store.write(tx -> {
            tx.forgetOwner(owner);
            return null;
        });
    }
}
