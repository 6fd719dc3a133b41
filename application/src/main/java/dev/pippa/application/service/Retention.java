package dev.pippa.application.service;

import dev.pippa.application.port.out.ConversationStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Deletes conversations nobody has touched for the retention period (a data-protection setting,
 * {@code PIPPA_RETENTION_DAYS}): each one exactly as its owner deleting it would (messages, search
 * entries, summary, jobs, a {@code conversation.deleted} event), each in its own small transaction, a
 * batch at a time, so writers never wait long behind it.
 */
public final class Retention {

    private final ConversationStore store;
    private final ConversationService conversations;
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
        return conversations.deleteEach(store.inactiveSince(clock.instant().minus(keep), batch));
    }
}
