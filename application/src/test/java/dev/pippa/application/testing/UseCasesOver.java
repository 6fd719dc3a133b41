package dev.pippa.application.testing;

import dev.pippa.application.port.in.ConversationUseCases;
import dev.pippa.application.port.in.CreateConversationCommand;
import dev.pippa.application.port.in.MessageUseCases;
import dev.pippa.application.port.in.PostMessageCommand;
import dev.pippa.application.port.in.UpdateConversationCommand;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.application.service.Services;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.ConversationPatch;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import java.time.Clock;
import java.util.Optional;

/**
 * For tests: the conversation and message use cases over one store, in a few short calls. The rules of
 * every write are the application's, so a store is tested through them: there is no second copy.
 */
public final class UseCasesOver {

    private final ConversationStore store;
    private final ConversationUseCases conversations;
    private final MessageUseCases messages;

    public UseCasesOver(ConversationStore store) {
        this(store, Clock.systemUTC(), MessageJobs.NONE);
    }

    public UseCasesOver(ConversationStore store, Clock clock, MessageJobs jobs) {
        this.store = store;
        this.conversations = Services.conversations(store, clock);
        this.messages = Services.messages(store, clock, jobs);
    }

    /** The message use cases over the store (edit, delete). */
    public MessageUseCases messages() {
        return messages;
    }

    /** The store underneath. */
    public ConversationStore store() {
        return store;
    }

    public Conversation createConversation(OwnerId owner, NewConversation draft) {
        return createConversation(owner, draft, Optional.empty());
    }

    public Conversation createConversation(OwnerId owner, NewConversation draft, Optional<Idempotent> idempotent) {
        return conversations.createConversation(new CreateConversationCommand(owner, draft,
                idempotent.map(Idempotent::key)));
    }

    public Optional<Conversation> findConversation(OwnerId owner, ConversationId id) {
        return store.findConversation(owner, id);
    }

    public Page<Conversation> listConversations(OwnerId owner, PageRequest page) {
        return conversations.listConversations(owner, ConversationFilter.DEFAULT, page);
    }

    public Page<Conversation> listConversations(OwnerId owner, ConversationFilter filter, PageRequest page) {
        return conversations.listConversations(owner, filter, page);
    }

    public Conversation updateConversation(OwnerId owner, ConversationId id, ConversationPatch patch) {
        return conversations.updateConversation(new UpdateConversationCommand(owner, id, patch));
    }

    /** False when there was no such conversation to delete. */
    public boolean deleteConversation(OwnerId owner, ConversationId id) {
        try {
            conversations.deleteConversation(owner, id);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    public Message appendMessage(OwnerId owner, ConversationId conversationId, NewMessage message) {
        return appendMessage(owner, conversationId, message, Optional.empty());
    }

    public Message appendMessage(OwnerId owner, ConversationId conversationId, NewMessage message,
                                 Optional<Idempotent> idempotent) {
        return messages.postMessage(new PostMessageCommand(owner, conversationId, message,
                idempotent.map(Idempotent::key)));
    }

    public Optional<Message> findMessage(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return store.findMessage(owner, conversationId, messageId);
    }

    public Page<Message> listMessages(OwnerId owner, ConversationId conversationId, PageRequest page) {
        return messages.listMessages(owner, conversationId, page);
    }
}
