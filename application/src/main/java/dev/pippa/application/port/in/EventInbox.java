package dev.pippa.application.port.in;

import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import java.time.Duration;
import java.util.Optional;

/**
 * One consumer's events, from the scopes it follows: first those it missed (read from the store), then
 * live ones, each exactly once per scope and in commit order. Live events wait in a bounded queue; a
 * consumer that lets it fill is ended ({@link EndReason#SLOW_CONSUMER}) rather than allowed to grow
 * memory, and resumes from the last event it handled. One thread consumes; any may follow or close.
 */
public interface EventInbox extends AutoCloseable {

    /**
     * Follows a scope of the inbox's owner: events after {@code after}, or (empty) from now on.
     *
     * @throws dev.pippa.domain.NotFoundException  when the scope names a conversation the owner does not have
     * @throws EventStreamRefusedException when events after {@code after} were forgotten
     */
    void follow(EventScope scope, Optional<EventPosition> after);

    /** Follows a scope from the oldest event the store still keeps (a reply being written, from its start). */
    void followRetained(EventScope scope);

    /** Stops following the scope; events of it already waiting may still come. */
    void unfollow(EventScope scope);

    /** The next event, or {@link Quiet} after {@code wait} without one, or {@link Ended}. */
    Next next(Duration wait) throws InterruptedException;

    @Override
    void close();

    sealed interface Next {
    }

    /** An event of {@code scope} (a consumer following several scopes learns which). */
    record Delivered(EventScope scope, Event event) implements Next {
    }

    record Quiet() implements Next {
    }

    record Ended(EndReason reason) implements Next {
    }

    enum EndReason {
        /** The consumer fell too far behind; it should reconnect and resume. */
        SLOW_CONSUMER,
        /** The server is stopping; reconnect (to this node once it is back, or another). */
        SHUTDOWN
    }
}
