package dev.pippa.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.EventStore;
import dev.pippa.application.port.out.SummaryStore;
import dev.pippa.application.port.in.EditMessageCommand;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationPatch;
import dev.pippa.domain.Message;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.Summary;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.generation.GenerationRequest;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseId;
import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import dev.pippa.domain.event.EventType;
import dev.pippa.domain.event.NewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link EventStore} must have; each implementation runs it by extending this class. */
public abstract class EventStoreContract {

    private static final OwnerId ADA = new OwnerId("ada");
    private static final OwnerId BOB = new OwnerId("bob");

    /** One node's stores on a database; closing closes this node (not the data). */
    public record Stores(ConversationStore conversations, SummaryStore summaries, EventStore events,
                            AutoCloseable node) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            node.close();
        }
    }

    private Stores stores;
    private UseCasesOver useCases;
    private EventStore events;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A new, empty database. */
    protected abstract Stores openStores() throws Exception;

    /** Another node on the same database (for a store only one process may open: the same stores). */
    protected Stores openSecondNode(Stores first) throws Exception {
        return first;
    }

    @BeforeEach
    void open() throws Exception {
        stores = openStores();
        opened.add(stores);
        useCases = new UseCasesOver(stores.conversations());
        events = stores.events();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable each : opened.reversed()) {
            each.close();
        }
    }

    private static NewMessage says(String content) {
        return new NewMessage(Role.USER, content, null);
    }

    private List<Event> all(EventScope scope) {
        return events.eventsAfter(scope, EventPosition.START, 10_000);
    }

    @Test
    void givenEveryKindOfWrite_whenEventsAreRead_thenEachIsThereInCommitOrderWithWhatItNames() {
        Conversation conversation = useCases.createConversation(ADA, new NewConversation("first", null));
        Message message = useCases.appendMessage(ADA, conversation.id(), says("hello"));
        useCases.updateConversation(ADA, conversation.id(), ConversationPatch.of(Optional.of("renamed"),
                Optional.empty()));
        Summary summary = new Summary(conversation.id(), "a greeting", message.id(), 1, Instant.now());
        stores.summaries().saveSummary(ADA, summary,
                NewEvent.about(EventType.SUMMARY_UPDATED, ADA, conversation.id()));
        stores.summaries().saveSummary(ADA, summary, NewEvent.about(EventType.SUMMARY_UPDATED, ADA,
                conversation.id())); // not newer: not kept, so no event

        List<Event> recorded = all(EventScope.owner(ADA));

        assertThat(recorded).extracting(Event::type).containsExactly(EventType.CONVERSATION_CREATED,
                EventType.MESSAGE_CREATED, EventType.CONVERSATION_UPDATED, EventType.SUMMARY_UPDATED);
        assertThat(((Event.MessageCreated) recorded.get(1)).message()).isEqualTo(message);
        assertThat(((Event.ConversationChanged) recorded.get(2)).conversation().title()).isEqualTo("renamed");
        assertThat(((Event.SummaryUpdated) recorded.get(3)).summary().text()).isEqualTo("a greeting");
        assertThat(recorded).extracting(Event::position).isSorted().doesNotHaveDuplicates();
        assertThat(events.head()).isEqualTo(recorded.getLast().position());
    }

    @Test
    void givenAMessageEditedThenDeleted_whenEventsAreRead_thenTheEditCarriesTheMessageAndTheDeletionItsId() {
        Conversation conversation = useCases.createConversation(ADA, new NewConversation("edits", null));
        Message message = useCases.appendMessage(ADA, conversation.id(), says("frist"));
        EventPosition before = events.head();
        Message edited = useCases.messages().editMessage(new EditMessageCommand(ADA, conversation.id(), message.id(),
                "first", null));

        List<Event> afterEdit = events.eventsAfter(EventScope.conversation(ADA, conversation.id()), before, 10);
        useCases.messages().deleteMessage(ADA, conversation.id(), message.id());
        List<Event> afterDelete = events.eventsAfter(EventScope.conversation(ADA, conversation.id()), before, 10);

        assertThat(afterEdit).singleElement().isInstanceOfSatisfying(Event.MessageUpdated.class,
                updated -> assertThat(updated.message()).isEqualTo(edited));
        assertThat(afterDelete).extracting(Event::type).as("the edit's message is gone, so only the deletion")
                .containsExactly(EventType.MESSAGE_DELETED);
        assertThat(((Event.MessageDeleted) afterDelete.getFirst()).messageId()).isEqualTo(message.id());
    }

    @Test
    void givenAResponseBeingWritten_whenItsEventsAreRead_thenTheResponseAsStoredAndEachDeltaInOrder() {
        Conversation conversation = useCases.createConversation(ADA, new NewConversation(null, null));
        Message input = useCases.appendMessage(ADA, conversation.id(), says("Hi?"));
        Response queued = Response.queued(ResponseId.next(TimeOrderedIds.shared()), ADA, conversation.id(),
                new GenerationRequest(null, null, null, null), input.id(), Instant.ofEpochMilli(System.currentTimeMillis()));
        stores.conversations().write(writes -> {
            writes.insertResponse(queued);
            writes.recordEvents(List.of(NewEvent.response(EventType.RESPONSE_CREATED, ADA, conversation.id(),
                            queued.id()),
                    NewEvent.delta(ADA, conversation.id(), queued.id(), "Hel"),
                    NewEvent.delta(ADA, conversation.id(), queued.id(), "lo\u0000 there")), Instant.now());
            return null;
        });

        List<Event> recorded = all(EventScope.conversation(ADA, conversation.id()));

        assertThat(recorded).extracting(Event::type).endsWith(EventType.RESPONSE_CREATED,
                EventType.RESPONSE_OUTPUT_TEXT_DELTA, EventType.RESPONSE_OUTPUT_TEXT_DELTA);
        List<Event> last = recorded.subList(recorded.size() - 3, recorded.size());
        assertThat(((Event.ResponseChanged) last.get(0)).response()).isEqualTo(queued);
        assertThat(last.subList(1, 3)).extracting(event -> ((Event.ResponseDelta) event).delta())
                .containsExactly("Hel", "lo\u0000 there");
    }

    @Test
    void givenTwoOwnersAndConversations_whenReadByScope_thenEachScopeHoldsOnlyItsOwn() {
        Conversation adas = useCases.createConversation(ADA, new NewConversation("a", null));
        Conversation adasOther = useCases.createConversation(ADA, new NewConversation("a2", null));
        Conversation bobs = useCases.createConversation(BOB, new NewConversation("b", null));
        useCases.appendMessage(ADA, adas.id(), says("one"));
        useCases.appendMessage(ADA, adasOther.id(), says("two"));
        useCases.appendMessage(BOB, bobs.id(), says("three"));

        assertThat(all(EventScope.owner(ADA))).hasSize(4).allMatch(event -> event.owner().equals(ADA));
        assertThat(all(EventScope.conversation(ADA, adas.id()))).hasSize(2)
                .allMatch(event -> event.conversationId().equals(adas.id()));
        assertThat(all(EventScope.conversation(BOB, adas.id()))).as("another owner's conversation").isEmpty();
        assertThat(all(EventScope.EVERYONE)).hasSize(6);
    }

    @Test
    void givenManyEvents_whenReadAfterAPositionWithALimit_thenTheNextOnesInOrder() {
        Conversation conversation = useCases.createConversation(ADA, new NewConversation(null, null));
        for (int i = 0; i < 5; i++) {
            useCases.appendMessage(ADA, conversation.id(), says("m" + i));
        }
        List<Event> recorded = all(EventScope.conversation(ADA, conversation.id()));

        List<Event> page = events.eventsAfter(EventScope.conversation(ADA, conversation.id()),
                recorded.get(2).position(), 2);

        assertThat(page).containsExactlyElementsOf(recorded.subList(3, 5));
        assertThat(events.eventsAfter(EventScope.EVERYONE, recorded.getLast().position(), 10)).isEmpty();
    }

    @Test
    void givenADeletedConversation_whenEventsAreRead_thenOnlyItsDeletionRemains() {
        Conversation kept = useCases.createConversation(ADA, new NewConversation("kept", null));
        Conversation gone = useCases.createConversation(ADA, new NewConversation("gone", null));
        useCases.appendMessage(ADA, gone.id(), says("soon gone"));

        useCases.deleteConversation(ADA, gone.id());

        assertThat(all(EventScope.owner(ADA))).extracting(Event::type, Event::conversationId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(EventType.CONVERSATION_CREATED, kept.id()),
                org.assertj.core.groups.Tuple.tuple(EventType.CONVERSATION_DELETED, gone.id()));
    }

    @Test
    void givenOldEvents_whenForgotten_thenTheyAreGoneAndTheForgottenPointIsKnown() {
        Conversation conversation = useCases.createConversation(ADA, new NewConversation(null, null));
        useCases.appendMessage(ADA, conversation.id(), says("old"));
        List<Event> old = all(EventScope.owner(ADA));
        assertThat(events.forgottenThrough()).isEqualTo(EventPosition.START);

        assertThat(events.forgetBefore(Instant.now().plus(Duration.ofMinutes(1)))).isEqualTo(2);

        assertThat(all(EventScope.owner(ADA))).isEmpty();
        assertThat(events.forgottenThrough()).isEqualTo(old.getLast().position());
        assertThat(events.forgetBefore(Instant.now().minus(Duration.ofDays(1)))).isZero();
        useCases.appendMessage(ADA, conversation.id(), says("new"));
        assertThat(all(EventScope.owner(ADA))).hasSize(1);
    }

    @Test
    void givenAListener_whenAWriteRecordsEvents_thenItIsCalledOnceTheyCanBeRead() {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> readable = new ArrayList<>();
        events.onCommitted(() -> {
            calls.incrementAndGet();
            synchronized (readable) {
                readable.add(all(EventScope.owner(ADA)).size());
            }
        });
        useCases.createConversation(ADA, new NewConversation(null, null));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (calls.get() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(calls.get()).isPositive();
        synchronized (readable) {
            assertThat(readable).contains(1);
        }
    }

    @Test
    void givenWritersOnTwoNodes_whenAReaderFollowsConcurrently_thenItSeesEveryEventOnceAndInTheOrderOfTheMessages()
            throws Exception {
        Stores second = openSecondNode(stores);
        if (second != stores) {
            opened.add(second);
        }
        UseCasesOver other = new UseCasesOver(second.conversations());
        Conversation conversation = useCases.createConversation(ADA, new NewConversation(null, null));
        EventPosition start = events.head();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Event> followed = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
            List<Future<?>> writers = new ArrayList<>();
            for (UseCasesOver node : List.of(useCases, other, useCases, other)) {
                writers.add(executor.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        node.appendMessage(ADA, conversation.id(), says(i + " from " + node.hashCode()));
                    }
                }));
            }
            Thread stopper = Thread.ofPlatform().start(() -> {
                for (Future<?> writer : writers) {
                    try {
                        writer.get(120, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                writing.set(false);
            });
            EventPosition last = start;
            boolean done = false;
            while (!done) {
                done = !writing.get(); // one more read after the writers finish
                List<Event> batch = second.events().eventsAfter(EventScope.EVERYONE, last, 7);
                if (!batch.isEmpty()) {
                    followed.addAll(batch);
                    last = batch.getLast().position();
                    done = false;
                }
            }
            stopper.join();
        }
        List<Message> allStored = new ArrayList<>();
        String cursor = null;
        do {
            var page = useCases.listMessages(ADA, conversation.id(), new PageRequest(100, SortOrder.ASC, cursor));
            allStored.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(allStored).hasSize(240);
        Set<EventPosition> distinct = new HashSet<>(followed.stream().map(Event::position).toList());
        assertThat(distinct).as("no event twice").hasSize(followed.size());
        assertThat(followed).extracting(event -> ((Event.MessageCreated) event).message().id())
                .as("every message once, in the conversation's order")
                .containsExactlyElementsOf(allStored.stream().map(Message::id).toList());
    }
}
