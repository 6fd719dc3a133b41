package dev.pippa.application.service;

import dev.pippa.application.port.out.ChatModel;
import dev.pippa.application.port.out.TokenCounter;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Summary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a generation sends the model, within a token budget: the instructions, then the conversation's
 * rolling summary only when the history does not fit whole, then the most recent messages that fit (the
 * newest is kept first, so the question being answered is never the one left out), oldest to newest.
 */
final class ContextWindow {

    static final String SUMMARY_PREFIX = "Summary of the earlier conversation: ";

    /** What was sent: the turns, which messages, whether the summary was used, and the input tokens counted. */
    record Plan(List<ChatModel.Turn> turns, List<MessageId> messageIds, boolean summaryUsed, int inputTokens) {
        Plan {
            turns = List.copyOf(turns);
            messageIds = List.copyOf(messageIds);
        }
    }

    private final TokenCounter tokens;

    ContextWindow(TokenCounter tokens) {
        this.tokens = tokens;
    }

    /**
     * @param newestFirst the conversation's latest messages, newest first (as many as could possibly fit)
     * @param hasOlder    whether the conversation holds messages older than {@code newestFirst}'s last
     */
    Plan build(String instructions, Optional<Summary> summary, List<Message> newestFirst, boolean hasOlder,
               int budget) {
        int fixed = cost(instructions);
        List<Message> all = fit(newestFirst, budget - fixed);
        if (all.size() == newestFirst.size() && !hasOlder) {
            return plan(instructions, null, all, fixed);
        }
        String summaryText = summary.map(s -> SUMMARY_PREFIX + s.text()).orElse(null);
        int withSummary = fixed + (summaryText == null ? 0 : cost(summaryText));
        if (summaryText == null || withSummary > budget) {
            return plan(instructions, null, all, fixed);
        }
        return plan(instructions, summaryText, fit(newestFirst, budget - withSummary), withSummary);
    }

    /** The newest messages that fit in {@code room}, newest first; the newest one always. */
    private List<Message> fit(List<Message> newestFirst, int room) {
        List<Message> kept = new ArrayList<>();
        int used = 0;
        for (Message message : newestFirst) {
            int cost = cost(message.content());
            if (!kept.isEmpty() && used + cost > room) {
                break;
            }
            kept.add(message);
            used += cost;
        }
        return kept;
    }

    private Plan plan(String instructions, String summaryText, List<Message> newestFirst, int fixedTokens) {
        List<ChatModel.Turn> turns = new ArrayList<>();
        turns.add(new ChatModel.Turn("system", instructions));
        if (summaryText != null) {
            turns.add(new ChatModel.Turn("system", summaryText));
        }
        List<Message> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        int total = fixedTokens;
        for (Message message : oldestFirst) {
            turns.add(new ChatModel.Turn(message.role().wireName(), message.content()));
            total += cost(message.content());
        }
        return new Plan(turns, oldestFirst.stream().map(Message::id).toList(), summaryText != null, total);
    }

    private int cost(String text) {
        return tokens.count(text) + tokens.perMessageOverhead();
    }
}
