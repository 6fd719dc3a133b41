package dev.pippa.adapter.out.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.StorageException;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import dev.pippa.domain.event.EventType;
import dev.pippa.domain.event.NewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.Field;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What PostgreSQL must get right that SQLite's single writer gave for free. */
class PostgresCommitOrderTest {

    private static final OwnerId OWNER = new OwnerId("nodes");

    private PostgresStores postgres;

    @BeforeEach
    void open() {
        postgres = PostgresStores.fresh();
    }

    @AfterEach
    void close() {
        postgres.close();
    }

    @Test
    void givenANodeWhoseClockIsBehind_whenItAppends_thenItsMessagePagesAfterTheOneCommittedBeforeIt() {
        Conversation conversation = postgres.conversations().createConversation(OWNER, new NewConversation("c", null));
        Message first = postgres.conversations().appendMessage(OWNER, conversation.id(),
                new NewMessage(Role.USER, "from the node with the right time", null));
        // A node whose clock is an hour behind makes a smaller time-ordered id for a later commit.
        MessageId earlierId = new MessageId("msg_00" + first.id().value().substring(6));
        assertThat(earlierId.value()).isLessThan(first.id().value());
        Message late = new Message(earlierId, conversation.id(), Role.USER, "from the node an hour behind",
                Metadata.EMPTY, Instant.now().minusSeconds(3600));
        new PostgresConversationStore(postgres.database()).write(writes -> {
            Conversation locked = writes.conversation(OWNER, conversation.id()).orElseThrow();
            writes.insertMessage(late);
            writes.updateConversation(locked.withMessageAppended(late.createdAt()));
            return null;
        });

        var page = postgres.conversations().listMessages(OWNER, conversation.id(), PageRequest.first(1, SortOrder.ASC));
        var next = postgres.conversations().listMessages(OWNER, conversation.id(),
                new PageRequest(1, SortOrder.ASC, page.nextCursor()));

        assertThat(page.items()).extracting(Message::id).containsExactly(first.id());
        assertThat(next.items()).extracting(Message::id).containsExactly(earlierId);
    }

    @Test
    void givenAnOlderTransactionStillOpen_whenAYoungerOneCommitsAnEvent_thenReadersWaitAndThenGetBothInOrder()
            throws Exception {
        Conversation slow = postgres.conversations().createConversation(OWNER, new NewConversation("slow", null));
        Conversation quick = postgres.conversations().createConversation(OWNER, new NewConversation("quick", null));
        PostgresEventStore events = new PostgresEventStore(postgres.database());
        EventPosition start = events.head();
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PostgresConversationStore store = new PostgresConversationStore(postgres.database());
        Thread older = Thread.ofPlatform().start(() -> store.write(writes -> {
            writes.conversation(OWNER, slow.id()).orElseThrow(); // takes its transaction id first
            writes.recordEvents(List.of(NewEvent.about(EventType.CONVERSATION_UPDATED, OWNER, slow.id())), Instant.now());
            ((PostgresConversationWrites) writes).flush();
            recorded.countDown();
            await(release);
            return null;
        }));
        await(recorded);
        postgres.conversations().appendMessage(OWNER, quick.id(), new NewMessage(Role.USER, "younger, first", null));

        assertThat(events.eventsAfter(EventScope.EVERYONE, start, 10))
                .as("nothing yet: the older transaction could still commit before it").isEmpty();

        release.countDown();
        older.join(Duration.ofSeconds(60));
        assertThat(events.eventsAfter(EventScope.EVERYONE, start, 10)).extracting(Event::type)
                .containsExactly(EventType.CONVERSATION_UPDATED, EventType.MESSAGE_CREATED);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenTheConnectionDiesBeforeCommit_whenWriting_thenTheWriteFailsAsStorageAndNothingIsThere() {
        Conversation conversation = postgres.conversations().createConversation(OWNER, new NewConversation("c", null));
        Message doomed = new Message(MessageId.next(TimeOrderedIds.shared()), conversation.id(),
                Role.USER, "never acknowledged", Metadata.EMPTY, Instant.now());

        assertThatThrownBy(() -> postgres.database().write(dsl -> {
            PostgresConversationWrites writes = new PostgresConversationWrites(dsl, new IdempotencyKeys());
            writes.insertMessage(doomed);
            writes.flush();
            assertThat(dsl.fetchCount(Tables.Messages.TABLE)).as("sent, not yet committed").isEqualTo(1);
            dsl.execute("SELECT pg_terminate_backend(pg_backend_pid())");
            return null;
        })).isInstanceOf(StorageException.class);

        assertThat(postgres.conversations().listMessages(OWNER, conversation.id(), PageRequest.first(10, SortOrder.ASC))
                .items()).isEmpty();
        assertThat(postgres.database().isReadable()).as("the pool replaced the dead connection").isTrue();
    }

    @Test
    void givenTheServerIsUnreachable_whenOpening_thenOneStorageErrorNamesTheUrlWithoutThePassword() {
        PostgresSettings nowhere = PostgresSettings.of("postgresql://pippa:s3cret@127.0.0.1:1/pippa", 2,
                Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThatThrownBy(() -> PostgresDatabase.open(nowhere))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/pippa")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void givenEveryTypedName_whenCheckedAgainstTheMigratedSchema_thenEachColumnExists() {
        List<Field<?>> names = new ArrayList<>();
        for (Class<?> table : Tables.class.getDeclaredClasses()) {
            for (var field : table.getDeclaredFields()) {
                try {
                    if (field.get(null) instanceof Field<?> column) {
                        names.add(column);
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        List<String> columns = postgres.database().read(dsl -> dsl.fetch(
                "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public'")
                .getValues(0, String.class));

        assertThat(names).hasSizeGreaterThan(30);
        assertThat(names).allSatisfy(column -> assertThat(columns)
                .contains(String.join(".", column.getQualifiedName().getName())));
    }
}
