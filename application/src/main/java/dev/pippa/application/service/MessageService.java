package dev.pippa.application.service;

import dev.pippa.application.port.in.MessageUseCases;
import dev.pippa.application.port.in.PostMessageCommand;
import dev.pippa.domain.ConversationId;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import java.util.Objects;

public final class MessageService implements MessageUseCases {

    private final ConversationStore store;

    public MessageService(ConversationStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Message postMessage(PostMessageCommand command) {
        return store.appendMessage(command.owner(), command.conversationId(), command.message(), command.idempotencyKey()
                .map(key -> Idempotent.appendMessage(key, command.conversationId(), command.message())));
    }

    @Override
    public Message getMessage(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return store.findMessage(owner, conversationId, messageId)
                .orElseThrow(() -> new NotFoundException("message", messageId.value()));
    }

    @Override
    public Page<Message> listMessages(OwnerId owner, ConversationId conversationId, PageRequest page) {
        return store.listMessages(owner, conversationId, page);
    }
}
