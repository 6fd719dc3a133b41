package dev.pippa.application.service;

import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.SummaryStore;
import dev.pippa.domain.Message;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.generation.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers what a generation may send: the latest messages up to the question being answered, the
 * conversation's summary, and earlier messages recalled by meaning for the question ({@link Recall});
 * {@link ContextWindow} decides what fits.
 */
final class ContextPlanner {

    /** Earlier messages recalled per generation at most. */
    static final int RECALLED = 5;
    /** Passages of attached files per generation at most. */
    static final int PASSAGES = 4;

    private final ConversationStore store;
    private final SummaryStore summaries;
    private final ContextWindow window;
    private final Recall recall;
    private final Generator.Settings settings;

    ContextPlanner(ConversationStore store, SummaryStore summaries, ContextWindow window, Recall recall,
                   Generator.Settings settings) {
        this.store = store;
        this.summaries = summaries;
        this.window = window;
        this.recall = recall;
        this.settings = settings;
    }

    ContextWindow.Plan plan(Response response) {
        List<Message> newestFirst = store.listMessages(response.owner(), response.conversationId(), null,
                SortOrder.DESC, settings.historyMessages() + 1);
        List<Message> considered = new ArrayList<>();
        boolean reached = false;
        for (Message message : newestFirst) { // from the question being answered back, never a later message
            reached |= message.id().equals(response.inputMessageId());
            if (reached) {
                considered.add(message);
            }
        }
        boolean hasOlder = considered.size() > settings.historyMessages();
        List<Message> history = hasOlder ? considered.subList(0, settings.historyMessages()) : considered;
        String instructions = response.asked().instructions() == null ? settings.instructions()
                : response.asked().instructions();
        Recall.Recalled recalled = history.isEmpty() ? new Recall.Recalled(List.of(), List.of())
                : recall.recall(response.owner(), response.conversationId(), history.getFirst().content(), RECALLED,
                PASSAGES);
        List<Message> related = recalled.messages().stream()
                .filter(message -> message.id().value().compareTo(history.getFirst().id().value()) < 0) // earlier only
                .toList();
        return window.build(instructions, summaries.findSummary(response.owner(), response.conversationId()),
                history, hasOlder, related, recalled.passages(), settings.contextTokens());
    }
}
