package dev.pippa.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.application.port.in.EditMessageCommand;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.domain.Activity;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ForkOrigin;
import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.ConversationPatch;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.domain.ConflictException;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.Role;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.TimeOrderedIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ConversationStore} must have, seen through the use cases that decide what each
 * write means. Each implementation runs it by extending this class; the in-memory fixture and the SQLite
 * adapter both do.
 */
public abstract class ConversationStoreContract {

    protected static final OwnerId ALICE = new OwnerId("alice");
    protected static final OwnerId BOB = new OwnerId("bob");

    /** The store under test, reached through the use cases that hold the rules of its writes. */
    protected UseCasesOver store;

    /** A new, empty store. */
    protected abstract ConversationStore openStore() throws Exception;

    /** The same data opened afresh (for a file-backed store: close it and open the file again). */
    protected abstract ConversationStore reopen(ConversationStore store) throws Exception;

    /**
     * Another node on the same database: a store that shares nothing with {@link #store} but the data. A store
     * that cannot have two (an in-memory map, a locked SQLite file) gives the one it has.
     */
    protected ConversationStore openSecondNode(ConversationStore store) throws Exception {
        return store;
    }

    @BeforeEach
    void openFreshStore() throws Exception {
        store = new UseCasesOver(openStore());
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store.store() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    // ---- conversations -------------------------------------------------------------------------

    @Test
    void givenANewConversation_whenFoundByItsOwner_thenEveryFieldRoundTrips() {
        Conversation created = store.createConversation(ALICE,
                new NewConversation("Trip to Seoul", Metadata.of(Map.of("channel", "web"))));

        assertThat(created.id().value()).startsWith("conv_");
        assertThat(created.messageCount()).isZero();
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.updatedAt()).isEqualTo(created.createdAt());
        assertThat(store.findConversation(ALICE, created.id())).contains(created);
    }

    @Test
    void givenAnotherOwnersConversation_whenAnyOperationUsesItsId_thenItBehavesAsIfAbsent() {
        Conversation alices = store.createConversation(ALICE, new NewConversation("private", null));
        Message message = store.appendMessage(ALICE, alices.id(), userSays("secret"));

        assertThat(store.findConversation(BOB, alices.id())).isEmpty();
        assertThat(store.listConversations(BOB, PageRequest.first(100, SortOrder.DESC)).items()).isEmpty();
        assertThat(store.findMessage(BOB, alices.id(), message.id())).isEmpty();
        assertThatThrownBy(() -> store.listMessages(BOB, alices.id(), PageRequest.first(10, SortOrder.ASC)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.appendMessage(BOB, alices.id(), userSays("intrusion")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.updateConversation(BOB, alices.id(),
                ConversationPatch.of(Optional.of("hijacked"), Optional.empty())))
                .isInstanceOf(NotFoundException.class);
        assertThat(store.deleteConversation(BOB, alices.id())).isFalse();

        Conversation untouched = store.findConversation(ALICE, alices.id()).orElseThrow();
        assertThat(untouched.title()).isEqualTo("private");
        assertThat(untouched.messageCount()).isEqualTo(1);
    }

    @Test
    void givenUnknownIds_whenLookedUp_thenNothingIsFoundAndWritesFailWithNotFound() {
        ConversationId unknown = ConversationId.next(TimeOrderedIds.shared());
        Conversation known = store.createConversation(ALICE, new NewConversation(null, null));

        assertThat(store.findConversation(ALICE, unknown)).isEmpty();
        assertThat(store.findMessage(ALICE, known.id(), MessageId.next(TimeOrderedIds.shared()))).isEmpty();
        assertThat(store.deleteConversation(ALICE, unknown)).isFalse();
        assertThatThrownBy(() -> store.appendMessage(ALICE, unknown, userSays("hi")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.listMessages(ALICE, unknown, PageRequest.first(10, SortOrder.ASC)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.updateConversation(ALICE, unknown,
                ConversationPatch.of(Optional.of("x"), Optional.empty())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void givenAMessageOfOneConversation_whenLookedUpUnderAnother_thenItIsNotFound() {
        Conversation first = store.createConversation(ALICE, new NewConversation("one", null));
        Conversation second = store.createConversation(ALICE, new NewConversation("two", null));
        Message message = store.appendMessage(ALICE, first.id(), userSays("hello"));

        assertThat(store.findMessage(ALICE, second.id(), message.id())).isEmpty();
        assertThat(store.findMessage(ALICE, first.id(), message.id())).contains(message);
    }

    @Test
    void givenSeveralConversations_whenListedByDefaultOrder_thenMostRecentActivityComesFirst() throws Exception {
        Conversation older = store.createConversation(ALICE, new NewConversation("older", null));
        pauseForClockTick();
        Conversation newer = store.createConversation(ALICE, new NewConversation("newer", null));
        pauseForClockTick();
        store.appendMessage(ALICE, older.id(), userSays("bump"));

        List<String> desc = titles(store.listConversations(ALICE, PageRequest.first(10, SortOrder.DESC)));
        List<String> asc = titles(store.listConversations(ALICE, PageRequest.first(10, SortOrder.ASC)));

        assertThat(desc).containsExactly("older", "newer");
        assertThat(asc).containsExactly("newer", "older");
        assertThat(newer.version()).isEqualTo(1);
    }

    @Test
    void givenManyConversations_whenPagedWithCursors_thenEachIsSeenExactlyOnce() {
        Set<ConversationId> created = new HashSet<>();
        for (int i = 0; i < 57; i++) {
            created.add(store.createConversation(ALICE, new NewConversation("c" + i, null)).id());
        }
        store.createConversation(BOB, new NewConversation("not alice's", null));

        for (SortOrder order : SortOrder.values()) {
            List<Conversation> seen = pageThrough(order, 10,
                    page -> store.listConversations(ALICE, page));
            assertThat(seen).extracting(Conversation::id).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(created);
        }
    }

    @Test
    void givenAPatch_whenApplied_thenOnlyTheGivenFieldsChangeAndTheVersionGrows() {
        Conversation created = store.createConversation(ALICE,
                new NewConversation("draft", Metadata.of(Map.of("k", "v"))));

        Conversation retitled = store.updateConversation(ALICE, created.id(),
                ConversationPatch.of(Optional.of("final"), Optional.empty()));
        Conversation cleared = store.updateConversation(ALICE, created.id(),
                ConversationPatch.of(Optional.of(""), Optional.of(Metadata.of(Map.of("k2", "v2")))));

        assertThat(retitled.title()).isEqualTo("final");
        assertThat(retitled.metadata().entries()).containsExactly(Map.entry("k", "v"));
        assertThat(retitled.version()).isEqualTo(2);
        assertThat(cleared.title()).isNull();
        assertThat(cleared.metadata().entries()).containsExactly(Map.entry("k2", "v2"));
        assertThat(cleared.version()).isEqualTo(3);
        assertThat(store.findConversation(ALICE, created.id())).contains(cleared);
    }

    @Test
    void givenAStaleVersion_whenUpdating_thenConflictAndNothingChanges() {
        Conversation created = store.createConversation(ALICE, new NewConversation("v1", null));
        store.appendMessage(ALICE, created.id(), userSays("this bumps the version"));

        ConversationPatch stale = ConversationPatch.of(Optional.of("lost update"), Optional.empty())
                .ifVersion(created.version());
        assertThatThrownBy(() -> store.updateConversation(ALICE, created.id(), stale))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                });
        assertThat(store.findConversation(ALICE, created.id()).orElseThrow().title()).isEqualTo("v1");

        Conversation updated = store.updateConversation(ALICE, created.id(),
                ConversationPatch.of(Optional.of("v3"), Optional.empty()).ifVersion(2));
        assertThat(updated.title()).isEqualTo("v3");
        assertThat(updated.version()).isEqualTo(3);
    }

    @Test
    void givenAConversationWithMessages_whenDeleted_thenItsMessagesGoWithIt() {
        Conversation doomed = store.createConversation(ALICE, new NewConversation("doomed", null));
        Conversation kept = store.createConversation(ALICE, new NewConversation("kept", null));
        Message doomedMessage = store.appendMessage(ALICE, doomed.id(), userSays("bye"));
        Message keptMessage = store.appendMessage(ALICE, kept.id(), userSays("stay"));

        assertThat(store.deleteConversation(ALICE, doomed.id())).isTrue();

        assertThat(store.findConversation(ALICE, doomed.id())).isEmpty();
        assertThat(store.findMessage(ALICE, doomed.id(), doomedMessage.id())).isEmpty();
        assertThatThrownBy(() -> store.listMessages(ALICE, doomed.id(), PageRequest.first(10, SortOrder.ASC)))
                .isInstanceOf(NotFoundException.class);
        assertThat(store.deleteConversation(ALICE, doomed.id())).isFalse();
        assertThat(store.findMessage(ALICE, kept.id(), keptMessage.id())).contains(keptMessage);
    }

    // ---- messages ------------------------------------------------------------------------------

    @Test
    void givenAPostedMessage_whenRead_thenItRoundTripsAndTheConversationReflectsIt() {
        Conversation conversation = store.createConversation(ALICE, new NewConversation("chat", null));

        Message posted = store.appendMessage(ALICE, conversation.id(),
                new NewMessage(Role.ASSISTANT, "Hello!", Metadata.of(Map.of("model", "m-1"))));

        assertThat(posted.id().value()).startsWith("msg_");
        assertThat(posted.conversationId()).isEqualTo(conversation.id());
        assertThat(store.findMessage(ALICE, conversation.id(), posted.id())).contains(posted);
        Conversation after = store.findConversation(ALICE, conversation.id()).orElseThrow();
        assertThat(after.messageCount()).isEqualTo(1);
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.updatedAt()).isEqualTo(posted.createdAt());
    }

    @Test
    void givenMessages_whenListedBothWays_thenAscIsOldestFirstAndDescIsItsReverse() {
        Conversation conversation = store.createConversation(ALICE, new NewConversation(null, null));
        List<MessageId> posted = new ArrayList<>();
        for (Role role : Role.values()) {
            posted.add(store.appendMessage(ALICE, conversation.id(), new NewMessage(role, role.wireName(), null)).id());
        }

        List<MessageId> asc = store.listMessages(ALICE, conversation.id(), PageRequest.first(10, SortOrder.ASC))
                .items().stream().map(Message::id).toList();
        List<MessageId> desc = store.listMessages(ALICE, conversation.id(), PageRequest.first(10, SortOrder.DESC))
                .items().stream().map(Message::id).toList();

        assertThat(asc).containsExactlyElementsOf(posted);
        assertThat(desc).containsExactlyElementsOf(posted.reversed());
    }

    @Test
    void givenAThousandMessages_whenPagedWithEveryPageSize_thenNoneIsSkippedOrRepeated() {
        Conversation conversation = store.createConversation(ALICE, new NewConversation(null, null));
        List<MessageId> posted = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            posted.add(store.appendMessage(ALICE, conversation.id(), userSays("m" + i)).id());
        }

        for (int size = PageRequest.MIN_LIMIT; size <= PageRequest.MAX_LIMIT; size++) {
            assertThat(messageIds(pageThroughMessages(conversation.id(), SortOrder.ASC, size)))
                    .as("asc, page size %d", size).containsExactlyElementsOf(posted);
            assertThat(messageIds(pageThroughMessages(conversation.id(), SortOrder.DESC, size)))
                    .as("desc, page size %d", size).containsExactlyElementsOf(posted.reversed());
        }
    }

    @Test
    void givenAWriterAppending_whenAReaderPagesConcurrently_thenItSeesAGaplessPrefixInOrder() throws Exception {
        Conversation conversation = store.createConversation(ALICE, new NewConversation(null, null));
        for (int i = 0; i < 100; i++) {
            store.appendMessage(ALICE, conversation.id(), userSays("before " + i));
        }
        CountDownLatch writerStarted = new CountDownLatch(1);
        List<Message> seen;
        try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
            Future<?> writer = executor.submit(() -> {
                writerStarted.countDown();
                for (int i = 0; i < 400; i++) {
                    store.appendMessage(ALICE, conversation.id(), userSays("during " + i));
                }
            });
            writerStarted.await();
            seen = pageThroughMessages(conversation.id(), SortOrder.ASC, 7);
            writer.get(60, TimeUnit.SECONDS);
        }

        List<MessageId> all = messageIds(pageThroughMessages(conversation.id(), SortOrder.ASC, 100));
        assertThat(all).hasSize(500);
        assertThat(seen.size()).isGreaterThanOrEqualTo(100);
        assertThat(messageIds(seen)).containsExactlyElementsOf(all.subList(0, seen.size()));
    }

    @Test
    void givenAppendersOnTwoNodes_whenAReaderPagesConcurrently_thenItSeesAGaplessPrefixInCommitOrder() throws Exception {
        UseCasesOver other = new UseCasesOver(openSecondNode(store.store()));
        Conversation conversation = store.createConversation(ALICE, new NewConversation(null, null));
        CountDownLatch writersStarted = new CountDownLatch(2);
        List<Message> seen = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(2)) {
            List<Future<?>> writers = new ArrayList<>();
            for (UseCasesOver node : List.of(store, other)) {
                writers.add(executor.submit(() -> {
                    writersStarted.countDown();
                    for (int i = 0; i < 150; i++) {
                        node.appendMessage(ALICE, conversation.id(), userSays(node.hashCode() + "/" + i));
                    }
                }));
            }
            writersStarted.await();
            for (int pass = 0; pass < 20 && seen.size() < 300; pass++) {
                seen = pageThroughMessages(conversation.id(), SortOrder.ASC, 3);
                List<MessageId> now = messageIds(pageThroughMessages(conversation.id(), SortOrder.ASC, 100));
                assertThat(messageIds(seen)).as("pass %d", pass).containsExactlyElementsOf(now.subList(0, seen.size()));
            }
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
        } finally {
            if (other.store() != store.store() && other.store() instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        assertThat(messageIds(pageThroughMessages(conversation.id(), SortOrder.DESC, 7)).reversed())
                .hasSize(300).doesNotHaveDuplicates()
                .containsExactlyElementsOf(messageIds(pageThroughMessages(conversation.id(), SortOrder.ASC, 11)));
    }

    @Test
    void givenOneKeySentToTwoNodesAtOnce_whenCreating_thenOneConversationIsCreatedAndBothAnswerIt() throws Exception {
        UseCasesOver other = new UseCasesOver(openSecondNode(store.store()));
        try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
            for (int round = 0; round < 10; round++) {
                NewConversation draft = new NewConversation("raced " + round, null);
                Optional<Idempotent> keyed = Optional.of(
                        Idempotent.createConversation(new IdempotencyKey("race-" + round), draft));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Conversation>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    UseCasesOver node = i % 2 == 0 ? store : other;
                    answers.add(executor.submit(() -> {
                        start.await();
                        return node.createConversation(ALICE, draft, keyed);
                    }));
                }
                start.countDown();
                Set<ConversationId> ids = new HashSet<>();
                for (Future<Conversation> answer : answers) {
                    ids.add(answer.get(60, TimeUnit.SECONDS).id());
                }
                assertThat(ids).as("round %d", round).hasSize(1);
            }
        } finally {
            if (other.store() != store.store() && other.store() instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
        assertThat(store.listConversations(ALICE, PageRequest.first(100, SortOrder.DESC)).items()).hasSize(10);
    }

    @Test
    void givenFiftyThreadsAppendingToOneConversation_whenDone_thenEveryMessageIsStoredOnce() throws Exception {
        Conversation conversation = store.createConversation(ALICE, new NewConversation(null, null));
        int threads = 50;
        int perThread = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<MessageId>>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(executor.submit(() -> {
                    start.await();
                    List<MessageId> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(store.appendMessage(ALICE, conversation.id(), userSays(thread + "/" + i)).id());
                    }
                    return mine;
                }));
            }
            start.countDown();
        }
        Set<MessageId> acknowledged = new HashSet<>();
        for (Future<List<MessageId>> result : results) {
            acknowledged.addAll(result.get());
        }

        List<Message> stored = pageThroughMessages(conversation.id(), SortOrder.ASC, 100);
        assertThat(acknowledged).hasSize(threads * perThread);
        assertThat(messageIds(stored)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(stored).extracting(Message::content).doesNotHaveDuplicates();
        assertThat(store.findConversation(ALICE, conversation.id()).orElseThrow().messageCount())
                .isEqualTo(threads * perThread);
    }

    @Test
    void givenCursors_whenTamperedOrUsedOnAnotherListing_thenTheyAreRefusedAsInvalidInput() {
        Conversation first = store.createConversation(ALICE, new NewConversation(null, null));
        Conversation second = store.createConversation(ALICE, new NewConversation(null, null));
        for (int i = 0; i < 3; i++) {
            store.appendMessage(ALICE, first.id(), userSays("a" + i));
            store.appendMessage(ALICE, second.id(), userSays("b" + i));
        }
        String cursor = store.listMessages(ALICE, first.id(), PageRequest.first(1, SortOrder.ASC)).nextCursor();
        char flipped = cursor.charAt(5) == 'A' ? 'B' : 'A';
        String tampered = cursor.substring(0, 5) + flipped + cursor.substring(6);

        assertThat(cursor).isNotNull();
        assertInvalidCursor(() -> store.listMessages(ALICE, first.id(), new PageRequest(1, SortOrder.ASC, tampered)));
        assertInvalidCursor(() -> store.listMessages(ALICE, first.id(), new PageRequest(1, SortOrder.ASC, "not a cursor")));
        assertInvalidCursor(() -> store.listMessages(ALICE, second.id(), new PageRequest(1, SortOrder.ASC, cursor)));
        assertInvalidCursor(() -> store.listMessages(ALICE, first.id(), new PageRequest(1, SortOrder.DESC, cursor)));
        assertInvalidCursor(() -> store.listConversations(ALICE, new PageRequest(1, SortOrder.ASC, cursor)));
        assertThat(store.listMessages(ALICE, first.id(), new PageRequest(5, SortOrder.ASC, cursor)).items())
                .extracting(Message::content).containsExactly("a1", "a2");
    }

    @Test
    void givenAnotherOwnersConversationListCursor_whenUsed_thenItIsRefusedAndShowsNothingOfTheirs() {
        for (int i = 0; i < 3; i++) {
            store.createConversation(ALICE, new NewConversation("alice " + i, null));
        }
        store.createConversation(BOB, new NewConversation("bob", null));
        String aliceCursor = store.listConversations(ALICE, PageRequest.first(1, SortOrder.DESC)).nextCursor();

        assertThat(aliceCursor).isNotNull();
        assertInvalidCursor(() -> store.listConversations(BOB, new PageRequest(10, SortOrder.DESC, aliceCursor)));
        assertThat(store.listConversations(ALICE, new PageRequest(10, SortOrder.DESC, aliceCursor)).items())
                .hasSize(2);
    }

    // ---- idempotency -----------------------------------------------------------------------------

    @Test
    void givenARetriedPostWithTheSameKeyAndBody_whenAppended_thenTheFirstMessageIsReplayedAndNothingDuplicates() {
        Conversation conversation = store.createConversation(ALICE, new NewConversation(null, null));
        NewMessage draft = userSays("exactly once");
        Optional<Idempotent> keyed = Optional.of(Idempotent.appendMessage(new IdempotencyKey("retry-1"),
                conversation.id(), draft));

        Message first = store.appendMessage(ALICE, conversation.id(), draft, keyed);
        Message retried = store.appendMessage(ALICE, conversation.id(), draft, keyed);

        assertThat(retried).isEqualTo(first);
        assertThat(store.findConversation(ALICE, conversation.id()).orElseThrow().messageCount()).isEqualTo(1);
        assertThat(pageThroughMessages(conversation.id(), SortOrder.ASC, 10)).containsExactly(first);
    }

    @Test
    void givenAKeyAlreadyUsed_whenReusedForAnotherBody_thenTheWriteIsRefusedAndNothingIsStored() {
        Conversation conversation = store.createConversation(ALICE, new NewConversation(null, null));
        IdempotencyKey key = new IdempotencyKey("retry-2");
        store.appendMessage(ALICE, conversation.id(), userSays("first"),
                Optional.of(Idempotent.appendMessage(key, conversation.id(), userSays("first"))));

        assertInvalid("Idempotency-Key", () -> store.appendMessage(ALICE, conversation.id(), userSays("second"),
                Optional.of(Idempotent.appendMessage(key, conversation.id(), userSays("second")))));
        assertInvalid("Idempotency-Key", () -> store.createConversation(ALICE, new NewConversation(null, null),
                Optional.of(Idempotent.createConversation(key, new NewConversation(null, null)))));
        assertThat(store.findConversation(ALICE, conversation.id()).orElseThrow().messageCount()).isEqualTo(1);
    }

    @Test
    void givenTwoOwnersUsingTheSameKey_whenCreating_thenEachGetsTheirOwnConversation() throws Exception {
        NewConversation draft = new NewConversation("same body", null);
        Optional<Idempotent> keyed = Optional.of(Idempotent.createConversation(new IdempotencyKey("shared"), draft));

        Conversation alices = store.createConversation(ALICE, draft, keyed);
        Conversation bobs = store.createConversation(BOB, draft, keyed);
        store = new UseCasesOver(reopen(store.store()));
        Conversation alicesRetry = store.createConversation(ALICE, draft, keyed);

        assertThat(bobs.id()).isNotEqualTo(alices.id());
        assertThat(alicesRetry.id()).isEqualTo(alices.id());
        assertThat(store.listConversations(ALICE, PageRequest.first(10, SortOrder.DESC)).items()).hasSize(1);
    }

    // ---- values at their limits ----------------------------------------------------------------

    @Test
    void givenValuesExactlyAtTheirLimits_whenStored_thenTheyRoundTripIntact() {
        String longestTitle = "t".repeat(Conversation.MAX_TITLE_LENGTH);
        String longestContent = "c".repeat(Message.MAX_CONTENT_LENGTH - 1) + "😀";
        Map<String, String> fullest = new LinkedHashMap<>();
        for (int i = 0; i < Metadata.MAX_PAIRS - 1; i++) {
            fullest.put("key" + i, "value" + i);
        }
        fullest.put("k".repeat(Metadata.MAX_KEY_LENGTH), "v".repeat(Metadata.MAX_VALUE_LENGTH));

        Conversation conversation = store.createConversation(ALICE,
                new NewConversation(longestTitle, Metadata.of(fullest)));
        Message message = store.appendMessage(ALICE, conversation.id(),
                new NewMessage(Role.USER, longestContent, Metadata.of(fullest)));

        Conversation readBack = store.findConversation(ALICE, conversation.id()).orElseThrow();
        assertThat(readBack.title()).isEqualTo(longestTitle);
        assertThat(readBack.metadata().entries()).containsExactlyEntriesOf(fullest);
        Message messageBack = store.findMessage(ALICE, conversation.id(), message.id()).orElseThrow();
        assertThat(messageBack.content()).isEqualTo(longestContent);
        assertThat(messageBack.metadata().entries()).containsExactlyEntriesOf(fullest);
        assertThat(store.listMessages(ALICE, conversation.id(), PageRequest.first(PageRequest.MAX_LIMIT, SortOrder.ASC))
                .items()).containsExactly(messageBack);
    }

    @Test
    void givenValuesJustPastTheirLimits_whenBuilt_thenEachIsRefusedNamingItsField() {
        assertInvalid("title", () -> new NewConversation("t".repeat(Conversation.MAX_TITLE_LENGTH + 1), null));
        assertInvalid("content", () -> new NewMessage(Role.USER, "c".repeat(Message.MAX_CONTENT_LENGTH + 1), null));
        assertInvalid("content", () -> new NewMessage(Role.USER, "", null));
        assertInvalid("content", () -> new NewMessage(Role.USER, null, null));
        assertInvalid("role", () -> Role.fromWireName("robot"));
        Map<String, String> tooMany = new LinkedHashMap<>();
        IntStream.rangeClosed(0, Metadata.MAX_PAIRS).forEach(i -> tooMany.put("k" + i, "v"));
        assertInvalid("metadata", () -> Metadata.of(tooMany));
        assertInvalid("metadata", () -> Metadata.of(Map.of("k".repeat(Metadata.MAX_KEY_LENGTH + 1), "v")));
        assertInvalid("metadata", () -> Metadata.of(Map.of("", "v")));
        assertInvalid("metadata.k", () -> Metadata.of(Map.of("k", "v".repeat(Metadata.MAX_VALUE_LENGTH + 1))));
        assertInvalid("limit", () -> PageRequest.first(PageRequest.MIN_LIMIT - 1, SortOrder.ASC));
        assertInvalid("limit", () -> PageRequest.first(PageRequest.MAX_LIMIT + 1, SortOrder.ASC));
        assertInvalid("conversation_id", () -> new ConversationId("conv_../../etc/passwd"));
        assertInvalid("message_id", () -> new MessageId("conv_01JD0000000000000000000000"));
    }

    @Test
    void givenTextInManyScripts_whenStored_thenItRoundTripsExactly() {
        List<String> texts = List.of(
                "안녕하세요, 대화를 저장합니다",
                "你好，世界。对话存储",
                "emoji 👩‍💻🚀 and flags 🇰🇷",
                "עברית ومعها العربية",
                "combining: e\u0301 a\u0308 n\u0303 and Z\u0351\u0364\u0300algo",
                "a NUL \u0000 inside, U+FFFF \uFFFF0 \uFFFF\uFFFF\u0000, controls \u0001\u001f\t\r\n and quotes ' \" ` \\ and SQL '; DROP TABLE message; --");
        Conversation conversation = store.createConversation(ALICE,
                new NewConversation(texts.getFirst(), Metadata.of(Map.of("言語", texts.get(1)))));
        for (String text : texts) {
            store.appendMessage(ALICE, conversation.id(), new NewMessage(Role.USER, text, Metadata.of(Map.of("😀", text))));
        }

        List<Message> stored = pageThroughMessages(conversation.id(), SortOrder.ASC, 100);
        assertThat(stored).extracting(Message::content).containsExactlyElementsOf(texts);
        assertThat(stored).extracting(m -> m.metadata().entries().get("😀")).containsExactlyElementsOf(texts);
        Conversation readBack = store.findConversation(ALICE, conversation.id()).orElseThrow();
        assertThat(readBack.title()).isEqualTo(texts.getFirst());
        assertThat(readBack.metadata().entries()).containsEntry("言語", texts.get(1));
    }

    // ---- durability ------------------------------------------------------------------------------

    @Test
    void givenStoredData_whenTheStoreIsReopened_thenEverythingIsStillThere() throws Exception {
        Conversation conversation = store.createConversation(ALICE,
                new NewConversation("persist me", Metadata.of(Map.of("a", "b"))));
        List<Message> posted = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            posted.add(store.appendMessage(ALICE, conversation.id(), userSays("durable " + i)));
        }
        Conversation before = store.findConversation(ALICE, conversation.id()).orElseThrow();

        store = new UseCasesOver(reopen(store.store()));

        assertThat(store.findConversation(ALICE, conversation.id())).contains(before);
        assertThat(pageThroughMessages(conversation.id(), SortOrder.ASC, 10)).containsExactlyElementsOf(posted);
        Message afterReopen = store.appendMessage(ALICE, conversation.id(), userSays("after reopen"));
        assertThat(afterReopen.id().value()).isGreaterThan(posted.getLast().id().value());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    // ---- editing and deleting messages ----------------------------------------------------------

    @Test
    void givenAMessage_whenEdited_thenItsNewContentMetadataAndEditTimeAreStoredAndTheConversationMoves() throws Exception {
        Conversation conversation = store.createConversation(ALICE, new NewConversation("edits", null));
        Message first = store.appendMessage(ALICE, conversation.id(), userSays("tpyo here"));
        store.appendMessage(ALICE, conversation.id(), userSays("second"));
        Conversation before = store.findConversation(ALICE, conversation.id()).orElseThrow();

        Message edited = store.messages().editMessage(new EditMessageCommand(ALICE, conversation.id(), first.id(),
                "typo here", Metadata.of(Map.of("fixed", "yes"))));
        ConversationStore reopened = reopen(store.store());
        store = new UseCasesOver(reopened);

        Message stored = store.findMessage(ALICE, conversation.id(), first.id()).orElseThrow();
        assertThat(stored).isEqualTo(edited);
        assertThat(stored.content()).isEqualTo("typo here");
        assertThat(stored.metadata().entries()).containsExactly(Map.entry("fixed", "yes"));
        assertThat(stored.editedAt()).isNotNull();
        assertThat(stored.createdAt()).isEqualTo(first.createdAt());
        Conversation after = store.findConversation(ALICE, conversation.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.messageCount()).isEqualTo(2);
        assertThat(pageThroughMessages(conversation.id(), SortOrder.ASC, 1)).extracting(Message::content)
                .containsExactly("typo here", "second");
    }

    @Test
    void givenAMessage_whenDeleted_thenItIsGoneThePagesCloseUpAndTheCountDrops() {
        Conversation conversation = store.createConversation(ALICE, new NewConversation("deletes", null));
        Message first = store.appendMessage(ALICE, conversation.id(), userSays("one"));
        Message middle = store.appendMessage(ALICE, conversation.id(), userSays("two"));
        store.appendMessage(ALICE, conversation.id(), userSays("three"));

        store.messages().deleteMessage(ALICE, conversation.id(), middle.id());

        assertThat(store.findMessage(ALICE, conversation.id(), middle.id())).isEmpty();
        assertThat(pageThroughMessages(conversation.id(), SortOrder.ASC, 1)).extracting(Message::content)
                .containsExactly("one", "three");
        Conversation after = store.findConversation(ALICE, conversation.id()).orElseThrow();
        assertThat(after.messageCount()).isEqualTo(2);
        assertThatThrownBy(() -> store.messages().deleteMessage(ALICE, conversation.id(), middle.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.messages().deleteMessage(BOB, conversation.id(), first.id()))
                .as("another owner's message is absent").isInstanceOf(NotFoundException.class);
        assertThat(store.findMessage(ALICE, conversation.id(), first.id())).isPresent();
    }

    @Test
    void givenAConversation_whenForkedAtAMessage_thenANewOneHoldsCopiesUpToItAndNamesItsOriginWhichIsUnchanged()
            throws Exception {
        Conversation original = store.createConversation(ALICE, new NewConversation("plans",
                Metadata.of(Map.of("k", "v"))));
        Message first = store.appendMessage(ALICE, original.id(), userSays("one"));
        Message second = store.appendMessage(ALICE, original.id(),
                new NewMessage(Role.ASSISTANT, "two", Metadata.of(Map.of("m", "1"))));
        store.appendMessage(ALICE, original.id(), userSays("three"));

        Conversation fork = store.messages().forkConversation(ALICE, original.id(), second.id());
        store = new UseCasesOver(reopen(store.store()));

        assertThat(store.findConversation(ALICE, fork.id())).contains(fork);
        assertThat(fork.forkedFrom()).isEqualTo(new ForkOrigin(original.id(), second.id()));
        assertThat(fork.title()).isEqualTo("plans");
        assertThat(fork.messageCount()).isEqualTo(2);
        List<Message> copies = pageThroughMessages(fork.id(), SortOrder.ASC, 10);
        assertThat(copies).extracting(Message::content).containsExactly("one", "two");
        assertThat(copies.get(1).role()).isEqualTo(Role.ASSISTANT);
        assertThat(copies.get(1).metadata()).isEqualTo(second.metadata());
        assertThat(copies.getFirst().createdAt()).isEqualTo(first.createdAt());
        assertThat(copies).extracting(Message::id).doesNotContain(first.id(), second.id());
        assertThat(store.findConversation(ALICE, original.id()).orElseThrow().messageCount()).isEqualTo(3);
        assertThatThrownBy(() -> store.messages().forkConversation(BOB, original.id(), second.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.messages().forkConversation(ALICE, original.id(),
                MessageId.next(TimeOrderedIds.shared()))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void givenConversationsLastActiveAtDifferentTimes_whenInactiveSinceIsAsked_thenTheOlderOnesLeastRecentFirst() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        UseCasesOver timed = new UseCasesOver(store.store(), clock, MessageJobs.NONE);
        Conversation oldest = timed.createConversation(ALICE, new NewConversation("oldest", null));
        clock.advance(Duration.ofDays(1));
        Conversation older = timed.createConversation(BOB, new NewConversation("older", null));
        clock.advance(Duration.ofDays(1));
        Conversation revived = timed.createConversation(ALICE, new NewConversation("revived", null));
        clock.advance(Duration.ofDays(30));
        timed.appendMessage(ALICE, revived.id(), userSays("still here")); // active again now
        Instant cutoff = Instant.parse("2025-01-10T00:00:00Z");

        assertThat(store.store().inactiveSince(cutoff, 10)).extracting(Conversation::id)
                .containsExactly(oldest.id(), older.id());
        assertThat(store.store().inactiveSince(cutoff, 1)).extracting(Conversation::id).containsExactly(oldest.id());
    }

    @Test
    void givenAPinnedConversationIdleLongest_whenInactiveSinceIsAsked_thenRetentionPassesItBy() {
        MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        UseCasesOver timed = new UseCasesOver(store.store(), clock, MessageJobs.NONE);
        Conversation pinned = timed.createConversation(ALICE, new NewConversation("keep", null, false, true));
        Conversation idle = timed.createConversation(ALICE, new NewConversation("idle", null));
        clock.advance(Duration.ofDays(30));

        assertThat(store.store().inactiveSince(clock.instant(), 10)).extracting(Conversation::id)
                .containsExactly(idle.id()).doesNotContain(pinned.id());
    }

    @Test
    void givenArchivedAndPinnedConversations_whenListedAndPaged_thenArchivedHideAndPinnedComeFirst() {
        List<Conversation> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            all.add(store.createConversation(ALICE, new NewConversation("c" + i, null)));
        }
        store.createConversation(BOB, new NewConversation("bob's pinned", null, false, true));
        for (int i : List.of(3, 11, 19)) {
            all.set(i, store.updateConversation(ALICE, all.get(i).id(), ConversationPatch.pin(true)));
        }
        for (int i : List.of(5, 8, 11, 20)) {
            all.set(i, store.updateConversation(ALICE, all.get(i).id(), ConversationPatch.archive(true)));
        }
        all.set(20, store.updateConversation(ALICE, all.get(20).id(), ConversationPatch.archive(false)));
        Map<ConversationFilter.Archived, List<ConversationId>> expected = Map.of(
                ConversationFilter.Archived.HIDDEN, listOrder(all.stream().filter(c -> !c.archived()).toList()),
                ConversationFilter.Archived.ONLY, listOrder(all.stream().filter(Conversation::archived).toList()),
                ConversationFilter.Archived.ALL, listOrder(all));

        assertThat(expected.get(ConversationFilter.Archived.HIDDEN)).hasSize(20).startsWith(all.get(19).id(),
                all.get(3).id());
        assertThat(expected.get(ConversationFilter.Archived.ONLY)).containsExactly(all.get(11).id(),
                all.get(8).id(), all.get(5).id());
        expected.forEach((archived, ids) -> {
            ConversationFilter filter = new ConversationFilter(archived, null, Map.of());
            for (int size : List.of(1, 4, 100)) {
                assertThat(pageThrough(SortOrder.DESC, size, page -> store.listConversations(ALICE, filter, page)))
                        .as(archived + " by " + size).extracting(Conversation::id).containsExactlyElementsOf(ids);
                assertThat(pageThrough(SortOrder.ASC, size, page -> store.listConversations(ALICE, filter, page)))
                        .as(archived + " ascending by " + size).extracting(Conversation::id)
                        .containsExactlyElementsOf(ids.reversed());
            }
        });
        assertThat(store.findConversation(ALICE, all.get(11).id())).get()
                .returns(true, Conversation::archived).returns(true, Conversation::pinned);
    }

    @Test
    void givenTitleAndMetadataFilters_whenListedAndPaged_thenOnlyMatchesComeIgnoringCaseAndAccents() {
        Metadata apollo = Metadata.of(Map.of("project", "apollo", "team", "moon"));
        Conversation recipe = store.createConversation(ALICE, new NewConversation("Crème Brûlée recipe", apollo));
        Conversation notes = store.createConversation(ALICE, new NewConversation("CREME BRULEE notes", null));
        Conversation other = store.createConversation(ALICE, new NewConversation("Brûlée? no: other", apollo));
        Conversation untitled = store.createConversation(ALICE, new NewConversation(null, apollo));
        store.createConversation(BOB, new NewConversation("crème brûlée", apollo));
        Conversation archived = store.createConversation(ALICE,
                new NewConversation("creme brulee archived", apollo, true, false));

        assertThat(ids(filtered(ConversationFilter.Archived.HIDDEN, "crème brûlée", Map.of())))
                .containsExactly(notes.id(), recipe.id());
        assertThat(ids(filtered(ConversationFilter.Archived.HIDDEN, "  ÉE  ", Map.of())))
                .containsExactly(other.id(), notes.id(), recipe.id());
        assertThat(ids(filtered(ConversationFilter.Archived.HIDDEN, null, Map.of("project", "apollo"))))
                .containsExactly(untitled.id(), other.id(), recipe.id());
        assertThat(ids(filtered(ConversationFilter.Archived.ALL, "BRULEE", Map.of("project", "apollo",
                "team", "moon")))).containsExactly(archived.id(), other.id(), recipe.id());
        assertThat(filtered(ConversationFilter.Archived.HIDDEN, null, Map.of("project", "Apollo"))).isEmpty();
        assertThat(filtered(ConversationFilter.Archived.HIDDEN, "soufflé", Map.of())).isEmpty();
    }

    private List<Conversation> filtered(ConversationFilter.Archived archived, String title,
                                        Map<String, String> metadata) {
        ConversationFilter filter = new ConversationFilter(archived, title, metadata);
        return pageThrough(SortOrder.DESC, 1, page -> store.listConversations(ALICE, filter, page));
    }

    private static List<ConversationId> ids(List<Conversation> conversations) {
        return conversations.stream().map(Conversation::id).toList();
    }

    /** The default list order, worked out here the way a reader would: pinned first, then by last activity. */
    private static List<ConversationId> listOrder(List<Conversation> conversations) {
        return conversations.stream()
                .sorted(java.util.Comparator.comparing(Conversation::pinned)
                        .thenComparing(Conversation::updatedAt).thenComparing(c -> c.id().value()).reversed())
                .map(Conversation::id).toList();
    }

    @Test
    void givenMessagesOfTwoOwners_whenFoundByIds_thenOnlyTheOwnersExistingOnesCome() {
        Conversation adas = store.createConversation(ALICE, new NewConversation("a", null));
        Message one = store.appendMessage(ALICE, adas.id(), userSays("one"));
        Message two = store.appendMessage(ALICE, adas.id(), userSays("two"));
        Conversation bobs = store.createConversation(BOB, new NewConversation("b", null));
        Message his = store.appendMessage(BOB, bobs.id(), userSays("his"));

        List<Message> found = store.store().findMessages(ALICE, List.of(two.id(), his.id(), one.id(),
                MessageId.next(TimeOrderedIds.shared())));

        assertThat(found).containsExactlyInAnyOrder(one, two);
        assertThat(store.store().findMessages(ALICE, List.of())).isEmpty();
    }

    @Test
    void givenMessagesOnSeveralDays_whenActivityIsAsked_thenCountsAndPerDayCountsAreTheOwnersFromThatDayOn() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
        UseCasesOver timed = new UseCasesOver(store.store(), clock, MessageJobs.NONE);
        Conversation first = timed.createConversation(ALICE, new NewConversation("first", null));
        timed.appendMessage(ALICE, first.id(), userSays("old"));
        clock.advance(Duration.ofDays(2));
        timed.appendMessage(ALICE, first.id(), userSays("one"));
        timed.appendMessage(ALICE, first.id(), userSays("two"));
        clock.advance(Duration.ofHours(20));
        Conversation second = timed.createConversation(ALICE, new NewConversation("second", null));
        timed.appendMessage(ALICE, second.id(), userSays("next day"));
        Conversation bobs = timed.createConversation(BOB, new NewConversation("bob", null));
        timed.appendMessage(BOB, bobs.id(), userSays("his"));

        Activity activity = store.store().activity(ALICE, java.time.LocalDate.parse("2026-11-02"));

        assertThat(activity.conversations()).isEqualTo(2);
        assertThat(activity.messages()).isEqualTo(4);
        assertThat(activity.messagesPerDay()).containsExactly(
                Map.entry(java.time.LocalDate.parse("2026-11-03"), 2L),
                Map.entry(java.time.LocalDate.parse("2026-11-04"), 1L));
        assertThat(store.store().activity(new OwnerId("nobody"), java.time.LocalDate.parse("2026-11-01")))
                .returns(0L, Activity::conversations).returns(0L, Activity::messages);
    }

    @Test
    void givenAnImportRecord_whenLookedUp_thenFoundForItsOwnerAndSourceOnlyAndGoneWithItsConversation() {
        Conversation imported = store.createConversation(ALICE, new NewConversation("imported", null));
        store.store().write(tx -> {
            tx.rememberImport(ALICE, "chatgpt", "abc-1", imported.id());
            return null;
        });

        assertThat(importedAs(ALICE, "chatgpt", "abc-1")).contains(imported.id());
        assertThat(importedAs(BOB, "chatgpt", "abc-1")).isEmpty();
        assertThat(importedAs(ALICE, "pippa", "abc-1")).isEmpty();
        store.deleteConversation(ALICE, imported.id());
        assertThat(importedAs(ALICE, "chatgpt", "abc-1")).as("a deleted conversation can be imported again").isEmpty();
    }

    private Optional<ConversationId> importedAs(OwnerId owner, String source, String sourceId) {
        return store.store().write(tx -> tx.importedAs(owner, source, sourceId));
    }

    protected static NewMessage userSays(String content) {
        return new NewMessage(Role.USER, content, null);
    }

    protected List<Message> pageThroughMessages(ConversationId id, SortOrder order, int size) {
        return pageThrough(order, size, page -> store.listMessages(ALICE, id, page));
    }

    private static <T> List<T> pageThrough(SortOrder order, int size, Function<PageRequest, Page<T>> fetch) {
        List<T> seen = new ArrayList<>();
        Page<T> page = fetch.apply(PageRequest.first(size, order));
        seen.addAll(page.items());
        while (page.hasMore()) {
            assertThat(page.items()).hasSize(size);
            page = fetch.apply(new PageRequest(size, order, page.nextCursor()));
            seen.addAll(page.items());
        }
        return seen;
    }

    private static List<MessageId> messageIds(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private static List<String> titles(Page<Conversation> page) {
        return page.items().stream().map(Conversation::title).toList();
    }

    private static void assertInvalid(String field, Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    private static void assertInvalidCursor(Runnable action) {
        assertInvalid("cursor", action);
    }

    private static void pauseForClockTick() throws InterruptedException {
        Thread.sleep(3); // timestamps have millisecond resolution
    }
}
