package dev.pippa.application.service;

import dev.pippa.application.port.in.CreateConversationCommand;
import dev.pippa.application.port.in.ConversationUseCases;
import dev.pippa.application.port.in.UpdateConversationCommand;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import java.util.Objects;

/** The conversation use cases: thin, because the invariants live in the domain records and the store. */
public final class ConversationService implements ConversationUseCases {

    static final String RESOURCE = "conversation";

    private final ConversationStore store;

    public ConversationService(ConversationStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Conversation createConversation(CreateConversationCommand command) {
        return store.createConversation(command.owner(), command.conversation(), command.idempotencyKey()
                .map(key -> Idempotent.createConversation(key, command.conversation())));
    }

    @Override
    public Conversation getConversation(OwnerId owner, ConversationId id) {
        return store.findConversation(owner, id).orElseThrow(() -> new NotFoundException(RESOURCE, id.value()));
    }

    @Override
    public Page<Conversation> listConversations(OwnerId owner, PageRequest page) {
        return store.listConversations(owner, page);
    }

    @Override
    public Conversation updateConversation(UpdateConversationCommand command) {
        return store.updateConversation(command.owner(), command.id(), command.patch());
    }

    @Override
    public void deleteConversation(OwnerId owner, ConversationId id) {
        if (!store.deleteConversation(owner, id)) {
            throw new NotFoundException(RESOURCE, id.value());
        }
    }
}
