package dev.pippa.application.service;

import dev.pippa.application.port.in.ConversationUseCases;
import dev.pippa.application.port.in.CreateConversationCommand;
import dev.pippa.application.port.in.UpdateConversationCommand;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.event.EventType;
import dev.pippa.domain.event.NewEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The conversation use cases and the rules of their writes: a new conversation's id and times, idempotent
 * replay, the events each causes, the version check and bump of an edit, and where a page of the list
 * resumes. The store only keeps what it is handed.
 */
public final class ConversationService implements ConversationUseCases {

    static final String RESOURCE = "conversation";

    private final ConversationStore store;
    private final WriteClock clock;
    private final TimeOrderedIds ids = TimeOrderedIds.shared();

    public ConversationService(ConversationStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = new WriteClock(clock);
    }

    @Override
    public Conversation createConversation(CreateConversationCommand command) {
        OwnerId owner = command.owner();
        Optional<Idempotent> request = command.idempotencyKey()
                .map(key -> Idempotent.createConversation(key, command.conversation()));
        return store.write(tx -> {
            Instant now = clock.now();
            Optional<String> replay = Replays.replayed(tx, owner, request, now);
            if (replay.isPresent()) {
                return tx.conversation(owner, new ConversationId(replay.get()))
                        .orElseThrow(() -> new NotFoundException(RESOURCE, replay.get()));
            }
            Conversation conversation = command.conversation().createdAs(ConversationId.next(ids), owner, now);
            tx.insertConversation(conversation);
            tx.recordEvents(List.of(NewEvent.about(EventType.CONVERSATION_CREATED, owner, conversation.id())), now);
            request.ifPresent(key -> tx.rememberKey(owner, key, conversation.id().value(), now));
            return conversation;
        });
    }

    @Override
    public Conversation getConversation(OwnerId owner, ConversationId id) {
        return requireConversation(store, owner, id);
    }

    /** The owner's conversation; one not found answer whether it is missing or someone else's. */
    static Conversation requireConversation(ConversationStore store, OwnerId owner, ConversationId id) {
        return store.findConversation(owner, id).orElseThrow(() -> new NotFoundException(RESOURCE, id.value()));
    }

    @Override
    public Page<Conversation> listConversations(OwnerId owner, ConversationFilter filter, PageRequest page) {
        return Page.ofConversations(store.listConversations(owner, filter, page.conversationsPosition(owner),
                page.order(), page.limit() + 1), page);
    }

    @Override
    public Conversation updateConversation(UpdateConversationCommand command) {
        return store.write(tx -> {
            Conversation current = tx.conversation(command.owner(), command.id())
                    .orElseThrow(() -> new NotFoundException(RESOURCE, command.id().value()));
            command.patch().checkVersion(current);
            Conversation updated = command.patch().applyTo(current, clock.now());
            tx.updateConversation(updated);
            tx.recordEvents(List.of(NewEvent.about(EventType.CONVERSATION_UPDATED, command.owner(), command.id())),
                    updated.updatedAt());
            return updated;
        });
    }

    /** Deletes each, as its owner would; one deleted meanwhile is skipped. Returns how many it deleted. */
    int deleteEach(List<Conversation> conversations) {
        int deleted = 0;
        for (Conversation conversation : conversations) {
            try {
                deleteConversation(conversation.owner(), conversation.id());
                deleted++;
            } catch (NotFoundException e) {
                // deleted meanwhile: nothing left to do
            }
        }
        return deleted;
    }

    @Override
    public void deleteConversation(OwnerId owner, ConversationId id) {
        store.write(tx -> {
            if (tx.conversation(owner, id).isEmpty()) {
                throw new NotFoundException(RESOURCE, id.value());
            }
            tx.deleteConversation(id);
            tx.recordEvents(List.of(NewEvent.about(EventType.CONVERSATION_DELETED, owner, id)), clock.now());
            return null;
        });
    }
}
