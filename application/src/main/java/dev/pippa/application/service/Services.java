package dev.pippa.application.service;

import dev.pippa.application.port.in.AuthUseCases;
import dev.pippa.application.port.in.InsightUseCases;
import dev.pippa.application.port.in.UseCases;
import dev.pippa.application.port.out.AccessTokens;
import dev.pippa.application.port.out.PasswordHasher;
import dev.pippa.domain.ConversationStore;
import dev.pippa.domain.MessageSearch;
import dev.pippa.domain.SummaryStore;
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

    public static InsightUseCases insights(ConversationStore conversations, MessageSearch search,
                                           SummaryStore summaries) {
        InsightService insights = new InsightService(conversations, search, summaries);
        return new InsightUseCases(insights, insights);
    }

    public static AuthUseCases auth(UserStore users, PasswordHasher hasher, AccessTokens tokens) {
        AuthService auth = new AuthService(users, hasher, tokens);
        return new AuthUseCases(auth, auth, auth);
    }
}
