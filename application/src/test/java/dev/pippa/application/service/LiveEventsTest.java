package dev.pippa.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.application.port.in.ConversationUseCases;
import dev.pippa.application.port.in.CreateConversationCommand;
import dev.pippa.application.port.in.EventInbox;
import dev.pippa.application.port.in.EventStreamRefusedException;
import dev.pippa.application.port.in.MessageUseCases;
import dev.pippa.application.port.in.PostMessageCommand;
import dev.pippa.application.port.out.EventStore;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.testing.InMemoryConversationStore;
import dev.pippa.application.testing.MutableClock;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Role;
import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import dev.pippa.domain.event.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hub's rules on an in-memory store: exactly once and in order across catch-up and live, and its bounds. */
class LiveEventsTest {

    private static final OwnerId ADA = new OwnerId("ada");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final InMemoryConversationStore store = new InMemoryConversationStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
    private final ConversationUseCases conversations = Services.conversations(store, clock);
    private final MessageUseCases messages = Services.messages(store, clock, MessageJobs.NONE);

    private LiveEvents hub(int perOwner, int buffer) {
        return Services.liveEvents(store, store, new LiveEvents.Limits(perOwner, 100, buffer, Duration.ofHours(1)),
                clock);
    }

    private ConversationId conversation() {
        return conversations.createConversation(new CreateConversationCommand(ADA,
                new NewConversation("t", Metadata.EMPTY), Optional.empty())).id();
    }

    private Message post(ConversationId conversation, String content) {
        return messages.postMessage(new PostMessageCommand(ADA, conversation,
                new NewMessage(Role.USER, content, Metadata.EMPTY), Optional.empty()));
    }

    private static Event nextEvent(EventInbox inbox) throws InterruptedException {
        EventInbox.Next next = inbox.next(WAIT);
        assertThat(next).isInstanceOf(EventInbox.Delivered.class);
        return ((EventInbox.Delivered) next).event();
    }

    @Test
    void givenWritesGoingOnWhileAnInboxCatchesUp_whenItGoesLive_thenItSeesEveryEventOnceInCommitOrder()
            throws Exception {
        LiveEvents hub = hub(4, 10_000);
        ConversationId conversation = conversation();
        EventPosition start = store.head();
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            posted.add(post(conversation, "early " + i).id().value());
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread pump = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                hub.pump();
            }
            hub.pump();
        });
        List<String> received = new ArrayList<>();
        try (EventInbox inbox = hub.open(ADA)) {
            inbox.follow(EventScope.conversation(ADA, conversation), Optional.of(start));
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 300; i++) {
                    synchronized (posted) {
                        posted.add(post(conversation, "late " + i).id().value());
                    }
                }
            });
            while (received.size() < 600) {
                received.add(((Event.MessageCreated) nextEvent(inbox)).message().id().value());
            }
            writer.join();
            writing.set(false);
            pump.join();
            assertThat(inbox.next(Duration.ofMillis(200))).as("nothing twice").isInstanceOf(EventInbox.Quiet.class);
        }
        assertThat(received).isEqualTo(posted);
    }

    @Test
    void givenAConsumerThatStopsReading_whenMoreEventsArriveThanItsBuffer_thenItIsEndedAndAnotherIsNot()
            throws Exception {
        ConversationId conversation = conversation();
        LiveEvents hub = hub(4, 5);
        try (EventInbox slow = hub.open(ADA); EventInbox fast = hub.open(ADA)) {
            slow.follow(EventScope.owner(ADA), Optional.empty());
            fast.follow(EventScope.owner(ADA), Optional.empty());
            assertThat(slow.next(Duration.ZERO)).isInstanceOf(EventInbox.Quiet.class); // both now live
            assertThat(fast.next(Duration.ZERO)).isInstanceOf(EventInbox.Quiet.class);
            for (int i = 0; i < 12; i++) {
                post(conversation, "m" + i);
                hub.pump();
                assertThat(((Event.MessageCreated) nextEvent(fast)).message().content()).isEqualTo("m" + i);
            }
            assertThat(slow.next(WAIT)).isEqualTo(new EventInbox.Ended(EventInbox.EndReason.SLOW_CONSUMER));
        }
    }

    @Test
    void givenAnOwnerAtTheStreamLimit_whenOneMoreOpens_thenItIsRefusedUntilOneCloses() {
        LiveEvents hub = hub(2, 10);
        EventInbox first = hub.open(ADA);
        hub.open(ADA).close();
        EventInbox second = hub.open(ADA);
        assertThatThrownBy(() -> hub.open(ADA)).isInstanceOf(EventStreamRefusedException.class)
                .extracting(e -> ((EventStreamRefusedException) e).reason())
                .isEqualTo(EventStreamRefusedException.Reason.OWNER_LIMIT);
        assertThat(hub.open(new OwnerId("bob"))).as("another owner is not limited by ada's").isNotNull();
        first.close();
        hub.open(ADA).close();
        second.close();
        assertThat(hub.openStreams()).isEqualTo(1);
    }

    @Test
    void givenEventsPastTheirRetention_whenAnInboxResumesFromBeforeThem_thenItIsToldTheyAreGone() throws Exception {
        LiveEvents hub = hub(4, 10);
        ConversationId conversation = conversation();
        EventPosition old = store.head();
        post(conversation, "old");
        clock.advance(Duration.ofHours(2));
        post(conversation, "new");
        assertThat(hub.forgetOldEvents()).as("the conversation's creation and the old message").isEqualTo(2);
        try (EventInbox inbox = hub.open(ADA)) {
            assertThatThrownBy(() -> inbox.follow(EventScope.owner(ADA), Optional.of(old)))
                    .isInstanceOf(EventStreamRefusedException.class);
            inbox.follow(EventScope.owner(ADA), Optional.of(store.forgottenThrough()));
            assertThat(((Event.MessageCreated) nextEvent(inbox)).message().content()).isEqualTo("new");
        }
    }

    @Test
    void givenAConversationScope_whenItsConversationIsUnknownOrDeleted_thenFollowingFailsOrEnds() throws Exception {
        LiveEvents hub = hub(4, 10);
        ConversationId conversation = conversation();
        try (EventInbox inbox = hub.open(ADA)) {
            assertThatThrownBy(() -> inbox.follow(EventScope.conversation(ADA, conversation("bob")), Optional.empty()))
                    .isInstanceOf(NotFoundException.class);
            inbox.follow(EventScope.conversation(ADA, conversation), Optional.empty());
            conversations.deleteConversation(ADA, conversation);
            hub.pump();
            assertThat(nextEvent(inbox).type()).isEqualTo(EventType.CONVERSATION_DELETED);
            ConversationId other = conversation();
            post(other, "elsewhere");
            hub.pump();
            assertThat(inbox.next(Duration.ofMillis(100))).isInstanceOf(EventInbox.Quiet.class);
        }
    }

    private ConversationId conversation(String owner) {
        return conversations.createConversation(new CreateConversationCommand(new OwnerId(owner),
                new NewConversation("theirs", Metadata.EMPTY), Optional.empty())).id();
    }

    @Test
    void givenOpenInboxes_whenTheHubStops_thenEachEndsForShutdownAndNoMoreOpen() throws Exception {
        LiveEvents hub = hub(4, 10);
        try (EventInbox inbox = hub.open(ADA)) {
            inbox.follow(EventScope.owner(ADA), Optional.empty());
            hub.stop();
            assertThat(inbox.next(WAIT)).isEqualTo(new EventInbox.Ended(EventInbox.EndReason.SHUTDOWN));
        }
        assertThatThrownBy(() -> hub.open(ADA)).isInstanceOf(EventStreamRefusedException.class);
    }

    @Test
    void givenNoStreamOpen_whenCommitsKeepComing_thenThePumpReadsTheNewestPositionAtMostOncePerInterval()
            throws Exception {
        AtomicInteger headReads = new AtomicInteger();
        EventStore counting = new EventStore() {
            @Override
            public List<Event> eventsAfter(EventScope scope, EventPosition after, int limit) {
                return store.eventsAfter(scope, after, limit);
            }

            @Override
            public EventPosition head() {
                headReads.incrementAndGet();
                return store.head();
            }

            @Override
            public EventPosition forgottenThrough() {
                return store.forgottenThrough();
            }

            @Override
            public long forgetBefore(Instant cutoff) {
                return store.forgetBefore(cutoff);
            }

            @Override
            public void onCommitted(Runnable listener) {
                store.onCommitted(listener);
            }
        };
        LiveEvents hub = Services.liveEvents(counting, store, new LiveEvents.Limits(4, 100, 10, Duration.ofHours(1)),
                clock);
        ConversationId conversation = conversation();
        int atStart = headReads.get();
        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            post(conversation, "unheard " + i);
            hub.pump();
        }
        long intervals = (System.nanoTime() - started) / LiveEvents.IDLE_HEAD_EVERY.toNanos(); // 0 unless very busy
        assertThat(headReads.get() - atStart).as("newest-position reads for 50 commits")
                .isLessThanOrEqualTo(1 + (int) intervals);
        Thread.sleep(LiveEvents.IDLE_HEAD_EVERY.toMillis() + 50);
        hub.pump();
        assertThat(headReads.get() - atStart).as("after the interval the pump reads it again").isPositive();
        try (EventInbox inbox = hub.open(ADA)) {
            inbox.follow(EventScope.owner(ADA), Optional.empty());
            post(conversation, "heard");
            hub.pump();
            assertThat(((Event.MessageCreated) nextEvent(inbox)).message().content()).isEqualTo("heard");
            assertThat(inbox.next(Duration.ofMillis(100))).as("none of the unheard ones").isInstanceOf(EventInbox.Quiet.class);
        }
    }
}
