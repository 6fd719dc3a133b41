package dev.pippa.application.service;

import dev.pippa.application.port.in.EditMessageCommand;
import dev.pippa.application.port.out.ConversationWrites;
import dev.pippa.domain.event.EventType;
import dev.pippa.domain.job.NewJob;
import dev.pippa.application.port.in.MessageUseCases;
import dev.pippa.application.port.in.PostMessageCommand;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageCursor;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.event.NewEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The message use cases and the rules of a new message: its id (assigned inside the write, so ids grow in
 * commit order), the conversation's new count, time and version, idempotent replay, and the background
 * jobs and events it causes, all handed to the store as one transaction.
 */
public final class MessageService implements MessageUseCases {

    private final ConversationStore store;
    private final WriteClock clock;
    private final MessageJobs jobs;
    private static final int FORK_PAGE = 500;

    private final TimeOrderedIds ids = TimeOrderedIds.shared();

    /** @param jobs the jobs each new message causes, queued in its transaction */
    public MessageService(ConversationStore store, Clock clock, MessageJobs jobs) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = new WriteClock(clock);
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    @Override
    public Message postMessage(PostMessageCommand command) {
        OwnerId owner = command.owner();
        ConversationId conversationId = command.conversationId();
        Optional<Idempotent> request = command.idempotencyKey()
                .map(key -> Idempotent.appendMessage(key, conversationId, command.message()));
        return store.write(tx -> {
            Instant now = clock.now();
            Conversation conversation = tx.conversation(owner, conversationId)
                    .orElseThrow(() -> new NotFoundException(ConversationService.RESOURCE, conversationId.value()));
            Optional<String> replay = Replays.replayed(tx, owner, request, now);
            if (replay.isPresent()) {
                return tx.message(owner, conversationId, new MessageId(replay.get()))
                        .orElseThrow(() -> new NotFoundException("message", replay.get()));
            }
            Message message = command.message().storedAs(MessageId.next(ids), conversationId, now);
            Conversation touched = conversation.withMessageAppended(now);
            tx.insertMessage(message);
            tx.updateConversation(touched);
            request.ifPresent(key -> tx.rememberKey(owner, key, message.id().value(), now));
            tx.enqueueJobs(jobs.jobsFor(owner, message, touched.messageCount()), now);
            tx.recordEvents(List.of(NewEvent.messageCreated(owner, conversationId, message.id())), now);
            return message;
        });
    }

    @Override
    public Message getMessage(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return store.findMessage(owner, conversationId, messageId)
                .orElseThrow(() -> new NotFoundException("message", messageId.value()));
    }

    @Override
    public Message editMessage(EditMessageCommand command) {
        return store.write(tx -> {
            Instant now = clock.now();
            Conversation conversation = locked(tx, command.owner(), command.conversationId());
            Message edited = existing(tx, command.owner(), command.conversationId(), command.messageId())
                    .edited(command.content(), command.metadata(), now);
            Conversation touched = conversation.withMessageEdited(now);
            tx.updateMessage(edited);
            tx.updateConversation(touched);
            if (command.content() != null) { // search follows the new text
                tx.enqueueJobs(List.of(new NewJob(BackgroundJobs.INDEX_MESSAGE, command.owner(), edited.conversationId(),
                        edited.id())), now);
            }
            tx.recordEvents(List.of(NewEvent.message(EventType.MESSAGE_UPDATED, command.owner(),
                    edited.conversationId(), edited.id())), now);
            return edited;
        });
    }

    @Override
    public void deleteMessage(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        store.write(tx -> {
            Instant now = clock.now();
            Conversation conversation = locked(tx, owner, conversationId);
            tx.deleteMessage(existing(tx, owner, conversationId, messageId));
            tx.updateConversation(conversation.withMessageRemoved(now));
            tx.recordEvents(List.of(NewEvent.message(EventType.MESSAGE_DELETED, owner, conversationId, messageId)),
                    now);
            return null;
        });
    }

    /**
     * The copies are read first (a page at a time, up to the limit), then written in one transaction with
     * the new conversation, their jobs and its event; the message forked at is checked again under the lock.
     */
    @Override
    public Conversation forkConversation(OwnerId owner, ConversationId conversationId, MessageId upTo) {
        List<Message> copied = messagesUpTo(owner, conversationId, upTo);
        return store.write(tx -> {
            Instant now = clock.now();
            Conversation original = locked(tx, owner, conversationId);
            existing(tx, owner, conversationId, upTo);
            Conversation fork = original.forkedAs(ConversationId.next(ids), upTo, copied.size(), now);
            tx.insertConversation(fork);
            List<NewJob> caused = new ArrayList<>();
            long count = 0;
            for (Message each : copied) {
                Message copy = new Message(MessageId.next(ids), fork.id(), each.role(), each.content(), each.metadata(),
                        each.createdAt(), each.editedAt());
                tx.insertMessage(copy);
                caused.addAll(jobs.jobsFor(owner, copy, ++count));
            }
            tx.enqueueJobs(caused, now);
            tx.recordEvents(List.of(NewEvent.about(EventType.CONVERSATION_CREATED, owner, fork.id())), now);
            return fork;
        });
    }

    private List<Message> messagesUpTo(OwnerId owner, ConversationId conversationId, MessageId upTo) {
        List<Message> kept = new ArrayList<>();
        MessageId after = null;
        while (true) {
            List<Message> page = store.listMessages(owner, conversationId, after, SortOrder.ASC, FORK_PAGE);
            if (page.isEmpty() && after == null && store.findConversation(owner, conversationId).isEmpty()) {
                throw new NotFoundException(ConversationService.RESOURCE, conversationId.value());
            }
            for (Message message : page) {
                kept.add(message);
                if (message.id().equals(upTo)) {
                    return kept;
                }
                if (kept.size() >= MAX_FORK_MESSAGES) {
                    throw new InvalidInputException("message_id", "a fork copies at most " + MAX_FORK_MESSAGES
                            + " messages; fork at an earlier message");
                }
            }
            if (page.size() < FORK_PAGE) {
                throw new NotFoundException("message", upTo.value());
            }
            after = page.getLast().id();
        }
    }

    /** The conversation, read under its lock (its writers take turns); 404 when absent. */
    private static Conversation locked(ConversationWrites tx, OwnerId owner, ConversationId id) {
        return tx.conversation(owner, id).orElseThrow(() -> new NotFoundException(ConversationService.RESOURCE, id.value()));
    }

    private static Message existing(ConversationWrites tx, OwnerId owner, ConversationId conversationId, MessageId id) {
        return tx.message(owner, conversationId, id).orElseThrow(() -> new NotFoundException("message", id.value()));
    }

    /** An empty page is either the end of a conversation or no conversation at all: only then is it looked up. */
    @Override
    public Page<Message> listMessages(OwnerId owner, ConversationId conversationId, PageRequest page) {
        PageCursor after = page.messagesPosition(conversationId);
        List<Message> fetched = store.listMessages(owner, conversationId,
                after == null ? null : new MessageId(after.lastId()), page.order(), page.limit() + 1);
        if (fetched.isEmpty() && store.findConversation(owner, conversationId).isEmpty()) {
            throw new NotFoundException(ConversationService.RESOURCE, conversationId.value());
        }
        return Page.ofMessages(fetched, page);
    }
}
