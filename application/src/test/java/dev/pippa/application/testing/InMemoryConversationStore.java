package dev.pippa.application.testing;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.ConversationPatch;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.domain.Message;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageCursor;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.TimeOrderedIds;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ConversationStore} in memory, for unit tests of the application layer and of services that
 * embed Pippa. One lock guards everything: simple and obviously correct, not fast.
 */
public final class InMemoryConversationStore implements ConversationStore {

    private static final Comparator<Conversation> BY_ACTIVITY =
            Comparator.comparing(Conversation::updatedAt).thenComparing(c -> c.id().value());

    private final Clock clock;
    private final TimeOrderedIds ids = TimeOrderedIds.shared();
    private final Map<ConversationId, Conversation> conversations = new HashMap<>();
    private final Map<ConversationId, NavigableMap<String, Message>> messages = new HashMap<>();
    private final Map<List<Object>, Idempotent.Remembered> idempotencyKeys = new HashMap<>();

    public InMemoryConversationStore() {
        this(Clock.systemUTC());
    }

    public InMemoryConversationStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Conversation createConversation(OwnerId owner, NewConversation draft,
                                                        Optional<Idempotent> idempotent) {
        Instant now = now();
        Optional<String> replay = replayOf(owner, idempotent, now);
        if (replay.isPresent()) {
            return require(owner, new ConversationId(replay.get()));
        }
        Conversation conversation = draft.createdAs(ConversationId.next(ids), owner, now);
        conversations.put(conversation.id(), conversation);
        messages.put(conversation.id(), new TreeMap<>());
        remember(owner, idempotent, conversation.id().value(), now);
        return conversation;
    }

    @Override
    public synchronized Optional<Conversation> findConversation(OwnerId owner, ConversationId id) {
        return Optional.ofNullable(conversations.get(id)).filter(c -> c.owner().equals(owner));
    }

    @Override
    public synchronized Page<Conversation> listConversations(OwnerId owner, PageRequest page) {
        PageCursor after = page.conversationsPosition(owner);
        Comparator<Conversation> order = page.order() == SortOrder.ASC ? BY_ACTIVITY : BY_ACTIVITY.reversed();
        List<Conversation> fetched = conversations.values().stream()
                .filter(c -> c.owner().equals(owner))
                .filter(c -> after == null || isAfter(c, after, page.order()))
                .sorted(order)
                .limit(page.limit() + 1L)
                .toList();
        return Page.ofConversations(fetched, page);
    }

    @Override
    public synchronized Conversation updateConversation(OwnerId owner, ConversationId id, ConversationPatch patch) {
        Conversation current = require(owner, id);
        patch.checkVersion(current);
        Conversation updated = patch.applyTo(current, now());
        conversations.put(id, updated);
        return updated;
    }

    @Override
    public synchronized boolean deleteConversation(OwnerId owner, ConversationId id) {
        if (findConversation(owner, id).isEmpty()) {
            return false;
        }
        conversations.remove(id);
        messages.remove(id);
        return true;
    }

    @Override
    public synchronized Message appendMessage(OwnerId owner, ConversationId conversationId, NewMessage draft,
                                              Optional<Idempotent> idempotent) {
        Conversation conversation = require(owner, conversationId);
        Instant now = now();
        Optional<String> replay = replayOf(owner, idempotent, now);
        if (replay.isPresent()) {
            return messages.get(conversationId).get(replay.get());
        }
        Message message = draft.storedAs(MessageId.next(ids), conversationId, now);
        messages.get(conversationId).put(message.id().value(), message);
        conversations.put(conversationId, conversation.withMessageAppended(now));
        remember(owner, idempotent, message.id().value(), now);
        return message;
    }

    @Override
    public synchronized Optional<Message> findMessage(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return findConversation(owner, conversationId).map(c -> messages.get(conversationId).get(messageId.value()));
    }

    @Override
    public synchronized Page<Message> listMessages(OwnerId owner, ConversationId conversationId, PageRequest page) {
        require(owner, conversationId);
        PageCursor after = page.messagesPosition(conversationId);
        NavigableMap<String, Message> thread = messages.get(conversationId);
        NavigableMap<String, Message> ordered = page.order() == SortOrder.ASC ? thread : thread.descendingMap();
        NavigableMap<String, Message> remaining = after == null ? ordered : ordered.tailMap(after.lastId(), false);
        List<Message> fetched = remaining.values().stream().limit(page.limit() + 1L).toList();
        return Page.ofMessages(fetched, page);
    }

    private Conversation require(OwnerId owner, ConversationId id) {
        return findConversation(owner, id).orElseThrow(() -> new NotFoundException("conversation", id.value()));
    }

    private Optional<String> replayOf(OwnerId owner, Optional<Idempotent> idempotent, Instant now) {
        return idempotent.flatMap(request -> request.replayedResourceId(
                Optional.ofNullable(idempotencyKeys.get(List.of(owner, request.key()))), now));
    }

    private void remember(OwnerId owner, Optional<Idempotent> idempotent, String resourceId, Instant now) {
        idempotent.ifPresent(request -> idempotencyKeys.put(List.of(owner, request.key()),
                new Idempotent.Remembered(request.fingerprint(), resourceId, now)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean isAfter(Conversation conversation, PageCursor cursor, SortOrder order) {
        int byTime = Long.compare(conversation.updatedAt().toEpochMilli(), cursor.position());
        int comparison = byTime != 0 ? byTime : conversation.id().value().compareTo(cursor.lastId());
        return order == SortOrder.ASC ? comparison > 0 : comparison < 0;
    }
}
