package dev.pippa.application.port.out;

import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import java.time.Instant;
import java.util.List;

/**
 * The committed events, in commit order. Writes record them in their own transaction
 * ({@link ConversationWrites#recordEvents}, {@link SummaryStore#saveSummary}); this port reads them and
 * says when there are new ones. Implementations raise only {@link dev.pippa.domain.DomainException}s.
 */
public interface EventStore {

    /**
     * Up to {@code limit} events of {@code scope} after {@code after}, in order. Only events no reader can
     * ever find a new predecessor of: once returned, nothing committed later sorts before them. An event
     * whose conversation or message is gone is left out.
     */
    List<Event> eventsAfter(EventScope scope, EventPosition after, int limit);

    /** The position of the latest event {@link #eventsAfter} can return now; {@link EventPosition#START} if none. */
    EventPosition head();

    /**
     * The position up to which events were forgotten ({@link #forgetBefore}): a reader resuming from before
     * it may have missed some. {@link EventPosition#START} when none were.
     */
    EventPosition forgottenThrough();

    /** Forgets events recorded before {@code cutoff}; returns how many. */
    long forgetBefore(Instant cutoff);

    /**
     * Calls {@code listener} soon after events are committed, by this process or (for a store shared by
     * several nodes) another. A hint to read: a listener must still cope with nothing new.
     */
    void onCommitted(Runnable listener);
}
