package dev.pippa.application.testing;

import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.ConversationWrites;
import dev.pippa.application.port.out.EventStore;
import dev.pippa.domain.Activity;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.event.Event;
import dev.pippa.domain.event.EventPosition;
import dev.pippa.domain.event.EventScope;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseId;
import dev.pippa.domain.job.NewJob;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageCursor;
import dev.pippa.domain.SortOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link ConversationStore} in memory, for unit tests of the application layer and of services that
 * embed Pippa: storage only, like every store (the rules are the application's). One lock guards
 * everything, and a write that fails leaves nothing behind: simple and obviously correct, not fast.
 */
public final class InMemoryConversationStore implements ConversationStore, EventStore {

    private static final Comparator<Conversation> IN_LIST_ORDER =
            Comparator.comparingLong(Conversation::listKey).thenComparing(c -> c.id().value());

    private Map<ConversationId, Conversation> conversations = new HashMap<>();
    private Map<ConversationId, NavigableMap<String, Message>> messages = new HashMap<>();
    private Map<List<Object>, Idempotent.Remembered> idempotencyKeys = new HashMap<>();
    private final List<NewJob> queuedJobs = new ArrayList<>();
    private List<RecordedEvent> events = new ArrayList<>();
    private Map<ResponseId, Response> responses = new HashMap<>();
    private final Map<List<String>, ConversationId> imports = new HashMap<>();
    private long lastEventSequence;
    private long forgottenThrough;
    private final List<Runnable> eventListeners = new CopyOnWriteArrayList<>();

    private record RecordedEvent(long sequence, NewEvent event, Instant at) {
    }

    @Override
    public synchronized Optional<Conversation> findConversation(OwnerId owner, ConversationId id) {
        return Optional.ofNullable(conversations.get(id)).filter(c -> c.owner().equals(owner));
    }

    @Override
    public synchronized List<Conversation> listConversations(OwnerId owner, ConversationFilter filter,
                                                             PageCursor after, SortOrder order, int limit) {
        return conversations.values().stream()
                .filter(c -> c.owner().equals(owner) && filter.matches(c))
                .filter(c -> after == null || isAfter(c, after, order))
                .sorted(order == SortOrder.ASC ? IN_LIST_ORDER : IN_LIST_ORDER.reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<Message> findMessage(OwnerId owner, ConversationId conversationId,
                                                      MessageId messageId) {
        return findConversation(owner, conversationId).map(c -> messages.get(conversationId).get(messageId.value()));
    }

    @Override
    public synchronized List<Message> findMessages(OwnerId owner, List<MessageId> ids) {
        Set<String> wanted = ids.stream().map(MessageId::value).collect(java.util.stream.Collectors.toSet());
        return conversations.values().stream().filter(c -> c.owner().equals(owner))
                .flatMap(c -> messages.get(c.id()).values().stream())
                .filter(message -> wanted.contains(message.id().value())).toList();
    }

    @Override
    public synchronized List<Message> listMessages(OwnerId owner, ConversationId conversationId, MessageId after,
                                                   SortOrder order, int limit) {
        if (findConversation(owner, conversationId).isEmpty()) {
            return List.of();
        }
        NavigableMap<String, Message> thread = messages.get(conversationId);
        NavigableMap<String, Message> ordered = order == SortOrder.ASC ? thread : thread.descendingMap();
        NavigableMap<String, Message> remaining = after == null ? ordered : ordered.tailMap(after.value(), false);
        return remaining.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized List<Conversation> inactiveSince(Instant cutoff, int limit) {
        return conversations.values().stream()
                .filter(conversation -> conversation.updatedAt().isBefore(cutoff) && !conversation.pinned())
                .sorted(Comparator.comparing(Conversation::updatedAt).thenComparing(c -> c.id().value()))
                .limit(limit).toList();
    }

    @Override
    public synchronized Activity activity(OwnerId owner, java.time.LocalDate since) {
        List<Conversation> owned = conversations.values().stream().filter(c -> c.owner().equals(owner)).toList();
        Map<java.time.LocalDate, Long> perDay = new java.util.TreeMap<>();
        owned.forEach(c -> messages.get(c.id()).values().stream()
                .map(m -> java.time.LocalDate.ofInstant(m.createdAt(), java.time.ZoneOffset.UTC))
                .filter(day -> !day.isBefore(since)).forEach(day -> perDay.merge(day, 1L, Long::sum)));
        return new Activity(owned.size(), owned.stream().mapToLong(Conversation::messageCount).sum(), perDay);
    }

    @Override
    public synchronized Optional<Response> findResponse(OwnerId owner, ResponseId id) {
        return Optional.ofNullable(responses.get(id)).filter(response -> response.owner().equals(owner));
    }

    /** Works on copies and keeps them only if the work succeeds: a failed write changes nothing. */
    @Override
    public synchronized <T> T write(Function<ConversationWrites, T> work) {
        Map<ConversationId, Conversation> conversationsBefore = new HashMap<>(conversations);
        Map<ConversationId, NavigableMap<String, Message>> messagesBefore = new HashMap<>();
        messages.forEach((id, thread) -> messagesBefore.put(id, new TreeMap<>(thread)));
        Map<List<Object>, Idempotent.Remembered> keysBefore = new HashMap<>(idempotencyKeys);
        int jobsBefore = queuedJobs.size();
        List<RecordedEvent> eventsBefore = new ArrayList<>(events);
        Map<ResponseId, Response> responsesBefore = new HashMap<>(responses);
        try {
            T result = work.apply(new Writes());
            if (events.size() != eventsBefore.size()) {
                eventListeners.forEach(Runnable::run);
            }
            return result;
        } catch (RuntimeException e) {
            conversations = conversationsBefore;
            messages = messagesBefore;
            idempotencyKeys = keysBefore;
            events = eventsBefore;
            responses = responsesBefore;
            queuedJobs.subList(jobsBefore, queuedJobs.size()).clear();
            throw e;
        }
    }

    /** The jobs messages caused, in the order they were queued. */
    public synchronized List<NewJob> queuedJobs() {
        return List.copyOf(queuedJobs);
    }

    private final class Writes implements ConversationWrites {

        @Override
        public Optional<Conversation> conversation(OwnerId owner, ConversationId id) {
            return findConversation(owner, id);
        }

        @Override
        public Optional<Message> message(OwnerId owner, ConversationId conversationId, MessageId messageId) {
            return findMessage(owner, conversationId, messageId);
        }

        @Override
        public Optional<Idempotent.Remembered> rememberedKey(OwnerId owner, IdempotencyKey key) {
            return Optional.ofNullable(idempotencyKeys.get(List.of(owner, key)));
        }

        @Override
        public void insertConversation(Conversation conversation) {
            conversations.put(conversation.id(), conversation);
            messages.put(conversation.id(), new TreeMap<>());
        }

        @Override
        public void updateConversation(Conversation conversation) {
            conversations.put(conversation.id(), conversation);
        }

        @Override
        public void deleteConversation(ConversationId id) {
            conversations.remove(id);
            messages.remove(id);
            events.removeIf(recorded -> recorded.event().conversationId().equals(id));
            responses.values().removeIf(response -> response.conversationId().equals(id));
        }

        @Override
        public Optional<Response> response(OwnerId owner, ResponseId id) {
            return findResponse(owner, id);
        }

        @Override
        public Optional<Response> responseAnswering(OwnerId owner, MessageId inputMessageId) {
            return responses.values().stream()
                    .filter(response -> response.owner().equals(owner) && response.inputMessageId().equals(inputMessageId))
                    .findFirst();
        }

        @Override
        public void insertResponse(Response response) {
            responses.put(response.id(), response);
        }

        @Override
        public ActiveResponses activeResponses(OwnerId owner) {
            List<Response> active = responses.values().stream().filter(response -> !response.status().isFinal()).toList();
            return new ActiveResponses(active.stream().filter(response -> response.owner().equals(owner)).count(),
                    active.size());
        }

        @Override
        public void updateResponse(Response response) {
            responses.put(response.id(), response);
        }

        @Override
        public void recordEvents(List<NewEvent> recorded, Instant at) {
            recorded.forEach(event -> events.add(new RecordedEvent(++lastEventSequence, event, at)));
        }

        @Override
        public void insertMessage(Message message) {
            messages.get(message.conversationId()).put(message.id().value(), message);
        }

        @Override
        public void forgetOwner(OwnerId owner) {
            idempotencyKeys.keySet().removeIf(key -> key.getFirst().equals(owner));
            events.removeIf(recorded -> recorded.event().owner().equals(owner));
            queuedJobs.removeIf(job -> job.owner().equals(owner));
        }

        @Override
        public Optional<ConversationId> importedAs(OwnerId owner, String source, String sourceId) {
            return Optional.ofNullable(imports.get(List.of(owner.value(), source, sourceId)))
                    .filter(conversations::containsKey);
        }

        @Override
        public void rememberImport(OwnerId owner, String source, String sourceId, ConversationId conversation) {
            imports.put(List.of(owner.value(), source, sourceId), conversation);
        }

        @Override
        public void updateMessage(Message message) {
            messages.get(message.conversationId()).put(message.id().value(), message);
        }

        @Override
        public void deleteMessage(Message message) {
            messages.get(message.conversationId()).remove(message.id().value());
        }

        @Override
        public void rememberKey(OwnerId owner, Idempotent request, String resourceId, Instant at) {
            idempotencyKeys.put(List.of(owner, request.key()),
                    new Idempotent.Remembered(request.fingerprint(), resourceId, at));
        }

        @Override
        public void enqueueJobs(List<NewJob> jobs, Instant at) {
            queuedJobs.addAll(jobs);
        }
    }

    @Override
    public synchronized List<Event> eventsAfter(EventScope scope, EventPosition after, int limit) {
        return events.stream()
                .filter(recorded -> recorded.sequence() > after.sequence())
                .map(this::resolve)
                .flatMap(Optional::stream)
                .filter(scope::includes)
                .limit(limit)
                .toList();
    }

    /** Summaries live elsewhere (in no store of this class): their events are left out. */
    private Optional<Event> resolve(RecordedEvent recorded) {
        NewEvent event = recorded.event();
        EventPosition position = new EventPosition(0, recorded.sequence());
        return switch (event.type()) {
            case MESSAGE_CREATED -> findMessage(event.owner(), event.conversationId(), event.messageId())
                    .map(message -> new Event.MessageCreated(position, event.owner(), message));
            case MESSAGE_UPDATED -> findMessage(event.owner(), event.conversationId(), event.messageId())
                    .map(message -> new Event.MessageUpdated(position, event.owner(), message));
            case MESSAGE_DELETED -> Optional.of(new Event.MessageDeleted(position, event.owner(),
                    event.conversationId(), event.messageId()));
            case CONVERSATION_CREATED, CONVERSATION_UPDATED -> findConversation(event.owner(), event.conversationId())
                    .map(conversation -> new Event.ConversationChanged(position, event.type(), conversation));
            case CONVERSATION_DELETED -> Optional.of(new Event.ConversationDeleted(position, event.owner(),
                    event.conversationId()));
            case SUMMARY_UPDATED -> Optional.empty();
            case RESPONSE_OUTPUT_TEXT_DELTA -> Optional.of(new Event.ResponseDelta(position, event.owner(),
                    event.conversationId(), event.responseId(), event.delta()));
            case RESPONSE_CREATED, RESPONSE_IN_PROGRESS, RESPONSE_COMPLETED, RESPONSE_INCOMPLETE, RESPONSE_FAILED,
                 RESPONSE_CANCELLED -> findResponse(event.owner(), event.responseId())
                    .map(response -> new Event.ResponseChanged(position, event.type(), response));
        };
    }

    @Override
    public synchronized EventPosition head() {
        return events.isEmpty() ? EventPosition.START : new EventPosition(0, events.getLast().sequence());
    }

    @Override
    public synchronized EventPosition forgottenThrough() {
        return new EventPosition(0, forgottenThrough);
    }

    @Override
    public synchronized long forgetBefore(Instant cutoff) {
        List<RecordedEvent> old = events.stream().filter(recorded -> recorded.at().isBefore(cutoff)).toList();
        if (old.isEmpty()) {
            return 0;
        }
        long through = old.getLast().sequence();
        forgottenThrough = Math.max(forgottenThrough, through);
        int before = events.size();
        events.removeIf(recorded -> recorded.sequence() <= through);
        return before - events.size();
    }

    @Override
    public void onCommitted(Runnable listener) {
        eventListeners.add(listener);
    }

    private static boolean isAfter(Conversation conversation, PageCursor cursor, SortOrder order) {
        int byKey = Long.compare(conversation.listKey(), cursor.position());
        int comparison = byKey != 0 ? byKey : conversation.id().value().compareTo(cursor.lastId());
        return order == SortOrder.ASC ? comparison > 0 : comparison < 0;
    }
}
