package dev.pippa.application.service;

import dev.pippa.application.port.in.EventInbox;
import dev.pippa.application.port.in.EventStreamRefusedException;
import dev.pippa.application.port.in.EventStreamRefusedException.Reason;
import dev.pippa.application.port.in.EventStreams;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.EventStore;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The node's event hub. One reader ({@link #pump}, driven by the caller's thread) reads each new event
 * from the store once and hands it to the inboxes of its owner, so a thousand subscribers cost one read,
 * not a thousand; an inbox that resumes reads its own backlog ({@link LiveInbox}). Events come from the
 * store, never from the writes of this process, so every node sees every node's events, and a restart
 * loses none.
 */
public final class LiveEvents implements EventStreams {

    static final int PUMP_BATCH = 500;
    /** How often the pump moves to the newest event while no stream is open. */
    static final Duration IDLE_HEAD_EVERY = Duration.ofSeconds(1);

    /**
     * @param perOwner  streams one owner may have open on this node
     * @param total     streams this node serves at most
     * @param buffer    live events waiting for one consumer before it counts as too slow
     * @param retention how long events are kept for resuming
     */
    public record Limits(int perOwner, int total, int buffer, Duration retention) {
        public Limits {
            if (perOwner < 1 || total < 1 || buffer < 1) {
                throw new IllegalArgumentException("event stream limits must be positive");
            }
            Objects.requireNonNull(retention, "retention");
        }
    }

    private final EventStore store;
    private final ConversationStore conversations;
    private final Limits limits;
    private final Clock clock;
    private final Map<OwnerId, Set<LiveInbox>> inboxes = new ConcurrentHashMap<>();
    private final Map<OwnerId, Integer> openPerOwner = new ConcurrentHashMap<>();
    private final Semaphore signal = new Semaphore(0);
    private int open; // guarded by this
    private volatile EventPosition position;
    private long headReadAt; // the pump's thread only
    private volatile boolean stopped;

    public LiveEvents(EventStore store, ConversationStore conversations, Limits limits, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.position = store.head();
        this.headReadAt = System.nanoTime();
        store.onCommitted(signal::release);
    }

    @Override
    public synchronized EventInbox open(OwnerId owner) {
        if (stopped) {
            throw new EventStreamRefusedException(Reason.SERVER_LIMIT, "The server is shutting down.");
        }
        int ownerOpen = openPerOwner.getOrDefault(owner, 0);
        if (ownerOpen >= limits.perOwner()) {
            throw new EventStreamRefusedException(Reason.OWNER_LIMIT, "You have " + ownerOpen
                    + " event streams open, the most allowed; close one first.");
        }
        if (open >= limits.total()) {
            throw new EventStreamRefusedException(Reason.SERVER_LIMIT, "The server has " + open
                    + " event streams open, the most it serves.");
        }
        open++;
        openPerOwner.merge(owner, 1, Integer::sum);
        LiveInbox inbox = new LiveInbox(this, owner, limits.buffer());
        inboxes.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(inbox);
        return inbox;
    }

    /** Streams open on this node. */
    public synchronized int openStreams() {
        return open;
    }

    /**
     * Waits up to {@code wait} for a sign of new events (a commit here or, on a shared store, elsewhere);
     * true if there was one.
     */
    public boolean awaitSignal(Duration wait) throws InterruptedException {
        boolean signalled = signal.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        signal.drainPermits();
        return signalled;
    }

    /**
     * Reads every event committed since the last call and hands each to its owner's inboxes; returns how many.
     * With no stream open it only moves to the newest event, at most once per {@link #IDLE_HEAD_EVERY}: nobody
     * would read what it fetched, and a stream that opens later catches up from the store itself (the newest
     * position is read before the second check, so a stream that opens after it starts no earlier than that
     * position); the pump then reads at most that interval's events once. Reading the newest position on every
     * commit cost 8 % of the server's CPU under the mixed load (docs/performance.md). With streams open it reads
     * no newest position at all: that query stays off the path of every commit.
     */
    public int pump() {
        if (openStreams() == 0) {
            long now = System.nanoTime();
            if (now - headReadAt < IDLE_HEAD_EVERY.toNanos()) {
                return 0;
            }
            EventPosition newest = store.head();
            if (openStreams() == 0) {
                headReadAt = now;
                if (newest.isAfter(position)) {
                    position = newest;
                }
                return 0;
            }
        }
        int handed = 0;
        List<Event> batch;
        do {
            batch = store.eventsAfter(EventScope.EVERYONE, position, PUMP_BATCH);
            for (Event event : batch) {
                for (LiveInbox inbox : inboxes.getOrDefault(event.owner(), Set.of())) {
                    inbox.deliver(event);
                }
                position = event.position();
            }
            handed += batch.size();
        } while (batch.size() == PUMP_BATCH);
        return handed;
    }

    /** Forgets the events older than the retention; returns how many. */
    public long forgetOldEvents() {
        return store.forgetBefore(clock.instant().minus(limits.retention()));
    }

    /**
     * Ends every stream ({@link EventInbox.EndReason#SHUTDOWN}) and opens no more; {@link #awaitAllClosed}
     * then waits for their consumers to say goodbye.
     */
    public void stop() {
        synchronized (this) {
            stopped = true;
        }
        inboxes.values().forEach(set -> set.forEach(inbox -> inbox.end(EventInbox.EndReason.SHUTDOWN)));
    }

    /** Waits (at most {@code timeout}) until every stream has closed; true if they all did. */
    public synchronized boolean awaitAllClosed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    EventStore store() {
        return store;
    }

    void requireConversation(OwnerId owner, ConversationId id) {
        ConversationService.requireConversation(conversations, owner, id);
    }

    void requireRemembered(EventPosition after) {
        if (store.forgottenThrough().isAfter(after)) {
            throw new EventStreamRefusedException(Reason.RESUME_POINT_FORGOTTEN, "Events after this point are "
                    + "older than the " + limits.retention().toHours() + " h this server keeps; reload, then "
                    + "follow without a resume point.");
        }
    }

    void stopDelivering(LiveInbox inbox) {
        Set<LiveInbox> owned = inboxes.get(inbox.owner());
        if (owned != null) {
            owned.remove(inbox);
        }
    }

    synchronized void closed(LiveInbox inbox) {
        stopDelivering(inbox);
        open--;
        openPerOwner.computeIfPresent(inbox.owner(), (owner, count) -> count == 1 ? null : count - 1);
        notifyAll();
    }
}
