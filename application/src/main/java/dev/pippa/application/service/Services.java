package dev.pippa.application.service;

import dev.pippa.application.port.in.UseCases;
import dev.pippa.domain.ConversationStore;

/** Builds every use case over one store: the single wiring point for the service and for embedders. */
public final class Services {

    private Services() {
    }

    public static UseCases over(ConversationStore store) {
        ConversationService conversations = new ConversationService(store);
        MessageService messages = new MessageService(store);
        return new UseCases(conversations, conversations, conversations, conversations, conversations,
                messages, messages, messages);
    }
}
