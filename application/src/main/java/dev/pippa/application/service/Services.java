package dev.pippa.application.service;

import dev.pippa.application.port.in.AuthUseCases;
import dev.pippa.application.port.in.UseCases;
import dev.pippa.application.port.out.AccessTokens;
import dev.pippa.application.port.out.PasswordHasher;
import dev.pippa.domain.ConversationStore;
import dev.pippa.domain.UserStore;

/** Builds the use cases over their ports: the single wiring point for the service and for embedders. */
public final class Services {

    private Services() {
    }

    public static UseCases over(ConversationStore store) {
        ConversationService conversations = new ConversationService(store);
        MessageService messages = new MessageService(store);
        return new UseCases(conversations, conversations, conversations, conversations, conversations,
                messages, messages, messages);
    }

    public static AuthUseCases auth(UserStore users, PasswordHasher hasher, AccessTokens tokens) {
        AuthService auth = new AuthService(users, hasher, tokens);
        return new AuthUseCases(auth, auth, auth);
    }
}
