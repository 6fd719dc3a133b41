package dev.pippa.application.service;

import dev.pippa.application.port.in.ConversationUseCases;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Deletes conversations nobody has touched for the retention period (a data-protection setting,
 * {@code PIPPA_RETENTION_DAYS}): each one exactly as its owner deleting it would (messages, search
 * entries, summary, jobs, a {@code conversation.deleted} event), each in its own small transaction, a
 * batch at a time, so writers never wait long behind it.
 */
public final class Retention {

    private final ConversationStore store;
    private final ConversationUseCases conversations;
    private final Duration keep;
    private final Clock clock;

    public Retention(ConversationStore store, Duration keep, Clock clock) {
        this.store = store;
        this.conversations = new ConversationService(store, clock);
        this.keep = keep;
        this.clock = clock;
    }

    /** Deletes up to {@code batch} conversations last active before the retention period; returns how many. */
    public int deleteExpired(int batch) {
        Instant cutoff = clock.instant().minus(keep);
        List<Conversation> expired = store.inactiveSince(cutoff, batch);
        int deleted = 0;
        for (Conversation conversation : expired) {
            try {
                conversations.deleteConversation(conversation.owner(), conversation.id());
                deleted++;
            } catch (NotFoundException e) {
                // deleted meanwhile by its owner: nothing left to do
            }
        }
        return deleted;
    }
}
