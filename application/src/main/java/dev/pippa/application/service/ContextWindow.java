package dev.pippa.application.service;

import dev.pippa.application.port.out.ChatModel;
import dev.pippa.application.port.out.FileStore;
import dev.pippa.application.port.out.TokenCounter;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Summary;
import dev.pippa.domain.generation.ContextSent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a generation sends the model, within a token budget: the instructions, then passages of the files
 * attached to the conversation related to the question (numbered for citing, in at most a quarter of the
 * budget), then the conversation's rolling summary only when the history does not fit whole, then earlier
 * messages recalled by meaning (in
 * at most a quarter of the budget, also only when the history does not fit whole), then the most recent
 * messages that fit (the newest is kept first, so the question being answered is never the one left out),
 * oldest to newest.
 */
final class ContextWindow {

    static final String SUMMARY_PREFIX = "Summary of the earlier conversation: ";
    static final String RECALLED_PREFIX = "Earlier messages of this conversation related to the question:";
    static final String PASSAGES_PREFIX = "Passages from the files attached to this conversation; cite one as [n]"
            + " when you use it:";

    /**
     * What was sent: the turns, which messages (recalled and latest, oldest first), whether the summary was
     * used, and the input tokens counted.
     */
    record Plan(List<ChatModel.Turn> turns, List<MessageId> messageIds, boolean summaryUsed,
                List<ContextSent.Citation> citations, int inputTokens) {
        Plan {
            turns = List.copyOf(turns);
            messageIds = List.copyOf(messageIds);
            citations = List.copyOf(citations);
        }
    }

    private final TokenCounter tokens;

    ContextWindow(TokenCounter tokens) {
        this.tokens = tokens;
    }

    /**
     * @param newestFirst the conversation's latest messages, newest first (as many as could possibly fit)
     * @param hasOlder    whether the conversation holds messages older than {@code newestFirst}'s last
     * @param related     earlier messages related to the question, most related first
     * @param passages    chunks of the attached files related to the question, most related first
     */
    Plan build(String instructions, Optional<Summary> summary, List<Message> newestFirst, boolean hasOlder,
               List<Message> related, List<FileStore.Chunk> passages, int budget) {
        List<FileStore.Chunk> cited = fitPassages(passages, budget / 4);
        String header = cited.isEmpty() ? instructions : instructions + "\n\n" + passagesText(cited);
        int fixed = cost(header);
        List<Message> all = fit(newestFirst, budget - fixed);
        if (all.size() == newestFirst.size() && !hasOlder) {
            return plan(header, cited, null, List.of(), all, fixed);
        }
        List<Message> recalled = recalled(related, all, (budget - fixed) / 4);
        int base = fixed + (recalled.isEmpty() ? 0 : cost(recalledText(recalled)));
        String summaryText = summary.map(s -> SUMMARY_PREFIX + s.text()).orElse(null);
        int withSummary = base + (summaryText == null ? 0 : cost(summaryText));
        if (summaryText == null || withSummary > budget) {
            return plan(header, cited, null, recalled, fit(newestFirst, budget - base), base);
        }
        return plan(header, cited, summaryText, recalled, fit(newestFirst, budget - withSummary), withSummary);
    }

    /** The most related passages that fit in {@code room}, in that order (their numbers). */
    private List<FileStore.Chunk> fitPassages(List<FileStore.Chunk> passages, int room) {
        List<FileStore.Chunk> kept = new ArrayList<>();
        for (FileStore.Chunk passage : passages) {
            kept.add(passage);
            if (cost(passagesText(kept)) > room) {
                kept.removeLast();
            }
        }
        return kept;
    }

    private static String passagesText(List<FileStore.Chunk> passages) {
        StringBuilder text = new StringBuilder(PASSAGES_PREFIX);
        for (int i = 0; i < passages.size(); i++) {
            FileStore.Chunk passage = passages.get(i);
            text.append("\n[").append(i + 1).append("] ").append(passage.fileName()).append(", part ")
                    .append(passage.position() + 1).append(": ").append(passage.text());
        }
        return text.toString();
    }

    /** The related messages not already among the latest that fit in {@code room}, oldest first. */
    private List<Message> recalled(List<Message> related, List<Message> latest, int room) {
        List<Message> kept = new ArrayList<>();
        for (Message message : related) {
            if (latest.stream().noneMatch(sent -> sent.id().equals(message.id()))) {
                kept.add(message);
                if (cost(recalledText(kept)) > room) {
                    kept.removeLast();
                }
            }
        }
        kept.sort(Comparator.comparing(message -> message.id().value()));
        return kept;
    }

    private static String recalledText(List<Message> recalled) {
        StringBuilder text = new StringBuilder(RECALLED_PREFIX);
        recalled.forEach(message -> text.append("\n").append(message.role().wireName()).append(": ")
                .append(message.content()));
        return text.toString();
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

    private Plan plan(String header, List<FileStore.Chunk> cited, String summaryText, List<Message> recalled,
                      List<Message> newestFirst, int fixedTokens) {
        List<ChatModel.Turn> turns = new ArrayList<>();
        turns.add(new ChatModel.Turn("system", header));
        if (summaryText != null) {
            turns.add(new ChatModel.Turn("system", summaryText));
        }
        if (!recalled.isEmpty()) {
            turns.add(new ChatModel.Turn("system", recalledText(recalled)));
        }
        List<Message> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        int total = fixedTokens;
        for (Message message : oldestFirst) {
            turns.add(new ChatModel.Turn(message.role().wireName(), message.content()));
            total += cost(message.content());
        }
        List<Message> sent = new ArrayList<>(recalled);
        sent.addAll(oldestFirst);
        return new Plan(turns, sent.stream().map(Message::id).toList(), summaryText != null,
                cited.stream().map(passage -> new ContextSent.Citation(passage.file(), passage.position())).toList(),
                total);
    }

    private int cost(String text) {
        return tokens.count(text) + tokens.perMessageOverhead();
    }
}
