package dev.pippa.application.service;

import dev.pippa.application.port.in.EventInbox;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import dev.pippa.domain.event.EventType;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link EventInbox} of {@link LiveEvents}. A newly followed scope first catches up from the store, on the
 * consumer's thread and a batch at a time (so a long backlog costs no memory); live events for it that
 * arrive meanwhile are not queued but noted, and the catch-up reads once more before the scope goes live.
 * Both paths move the scope's last position under one lock, so each event is handed over once.
 */
final class LiveInbox implements EventInbox {

    static final int CATCH_UP_BATCH = 100;

    /** A followed scope and how far it got. Guarded by the inbox's lock. */
    private static final class Feed {
        final EventScope scope;
        EventPosition last;
        boolean catchingUp = true;
        boolean missedLive;

        Feed(EventScope scope, EventPosition last) {
            this.scope = scope;
            this.last = last;
        }
    }

    private final LiveEvents hub;
    private final OwnerId owner;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<EventScope, Feed> feeds = new ConcurrentHashMap<>();
    private final ArrayDeque<Delivered> live = new ArrayDeque<>();
    private final ArrayDeque<Delivered> caughtUp = new ArrayDeque<>(); // the consumer's thread only
    private EndReason ended;
    private boolean closed;

    LiveInbox(LiveEvents hub, OwnerId owner, int capacity) {
        this.hub = hub;
        this.owner = owner;
        this.capacity = capacity;
    }

    OwnerId owner() {
        return owner;
    }

    @Override
    public void followRetained(EventScope scope) {
        follow(scope, Optional.of(hub.store().forgottenThrough()));
    }

    @Override
    public void follow(EventScope scope, Optional<EventPosition> after) {
        if (!owner.equals(scope.owner())) {
            throw new IllegalArgumentException("an inbox follows its owner's events only");
        }
        if (scope.conversation() != null) {
            hub.requireConversation(owner, scope.conversation());
        }
        after.ifPresent(hub::requireRemembered);
        // "From now" is the store's latest event, not this node's pump, which may not have read it yet.
        Feed feed = new Feed(scope, after.orElseGet(() -> hub.store().head()));
        lock.lock();
        try {
            feeds.put(scope, feed);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unfollow(EventScope scope) {
        feeds.remove(scope);
    }

    @Override
    public Next next(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (!caughtUp.isEmpty()) {
                return caughtUp.poll();
            }
            Feed behind = feeds.values().stream().filter(this::isCatchingUp).findFirst().orElse(null);
            if (behind != null) {
                catchUp(behind);
                continue;
            }
            lock.lockInterruptibly();
            try {
                if (ended != null) {
                    return new Ended(ended);
                }
                if (!live.isEmpty()) {
                    return live.poll();
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return new Quiet();
                }
                if (feeds.values().stream().noneMatch(feed -> feed.catchingUp)) {
                    changed.awaitNanos(remaining);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean isCatchingUp(Feed feed) {
        lock.lock();
        try {
            return feed.catchingUp;
        } finally {
            lock.unlock();
        }
    }

    private void catchUp(Feed feed) {
        EventPosition from;
        lock.lock();
        try {
            from = feed.last;
        } finally {
            lock.unlock();
        }
        List<Event> batch = hub.store().eventsAfter(feed.scope, from, CATCH_UP_BATCH);
        lock.lock();
        try {
            for (Event event : batch) {
                caughtUp.add(new Delivered(feed.scope, event));
                feed.last = event.position();
                endsFeed(feed, event);
            }
            if (batch.size() < CATCH_UP_BATCH) {
                feed.catchingUp = feed.missedLive; // something went live meanwhile: read once more
                feed.missedLive = false;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called by the hub for each new event of this inbox's owner, in order. */
    void deliver(Event event) {
        lock.lock();
        try {
            if (ended != null) {
                return;
            }
            for (Feed feed : feeds.values()) {
                if (!feed.scope.includes(event)) {
                    continue;
                }
                if (feed.catchingUp) {
                    feed.missedLive = true;
                } else if (event.position().isAfter(feed.last)) {
                    if (live.size() == capacity) {
                        end(EndReason.SLOW_CONSUMER);
                        return;
                    }
                    live.add(new Delivered(feed.scope, event));
                    feed.last = event.position();
                    endsFeed(feed, event);
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A deleted conversation has nothing more to say: its stream ends after this event. */
    private void endsFeed(Feed feed, Event event) {
        if (event.type() == EventType.CONVERSATION_DELETED && feed.scope.conversation() != null) {
            feeds.remove(feed.scope, feed);
        }
    }

    /** Ends the inbox: what waits is dropped (the consumer resumes from the last event it handled). */
    void end(EndReason reason) {
        lock.lock();
        try {
            if (ended == null) {
                ended = reason;
                live.clear();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        hub.stopDelivering(this);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        hub.closed(this);
    }
}
