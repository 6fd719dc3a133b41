package dev.pippa.application.service;

import dev.pippa.application.port.in.InsightUseCases;
import dev.pippa.domain.Activity;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.MessageSearch;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.SearchHit;
import dev.pippa.domain.SearchQuery;
import dev.pippa.domain.Summary;
import dev.pippa.application.port.out.SummaryStore;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

final class InsightService implements InsightUseCases {

    private final ConversationStore conversations;
    private final MessageSearch search;
    private final SummaryStore summaries;

    static final int MAX_DAYS = 366;

    private final Clock clock;

    InsightService(ConversationStore conversations, MessageSearch search, SummaryStore summaries, Clock clock) {
        this.clock = clock;
        this.conversations = conversations;
        this.search = search;
        this.summaries = summaries;
    }

    @Override
    public Page<SearchHit> searchMessages(OwnerId owner, SearchQuery query) {
        return search.search(owner, query);
    }

    @Override
    public Optional<Summary> getSummary(OwnerId owner, ConversationId conversationId) {
        ConversationService.requireConversation(conversations, owner, conversationId);
        return summaries.findSummary(owner, conversationId);
    }

    @Override
    public Activity activity(OwnerId owner, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("days", "must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        return conversations.activity(owner, LocalDate.now(clock).minusDays(days - 1L));
    }
}
