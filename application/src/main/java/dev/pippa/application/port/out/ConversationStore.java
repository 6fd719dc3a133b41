package dev.pippa.application.port.out;

import dev.pippa.domain.ConflictException;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.ConversationPatch;
import dev.pippa.domain.DomainException;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;
import java.util.Optional;

/**
 * The persistence port. Every operation is scoped by owner: another owner's conversation behaves
 * exactly like one that does not exist. Implementations assign ids and timestamps, keep message ids
 * increasing in commit order (so keyset paging never skips or repeats), and raise only
 * {@link DomainException}s.
 */
public interface ConversationStore {

    default Conversation createConversation(OwnerId owner, NewConversation conversation) {
        return createConversation(owner, conversation, Optional.empty());
    }

    /**
     * Creates a conversation; with an idempotency key already used by this owner, returns the conversation
     * that first request created instead (as it is now).
     *
     * @throws InvalidInputException when the key was used for a different request
     */
    Conversation createConversation(OwnerId owner, NewConversation conversation, Optional<Idempotent> idempotent);

    Optional<Conversation> findConversation(OwnerId owner, ConversationId id);

    /** Ordered by last activity ({@code updatedAt}, then id); DESC gives the most recent first. */
    Page<Conversation> listConversations(OwnerId owner, PageRequest page);

    /** @throws NotFoundException when absent; @throws ConflictException when the expected version differs */
    Conversation updateConversation(OwnerId owner, ConversationId id, ConversationPatch patch);

    /** Deletes the conversation and all its messages; false when there was nothing to delete. */
    boolean deleteConversation(OwnerId owner, ConversationId id);

    default Message appendMessage(OwnerId owner, ConversationId conversationId, NewMessage message) {
        return appendMessage(owner, conversationId, message, Optional.empty());
    }

    /**
     * Appends a message, bumping the conversation's message count, updated time and version. With an
     * idempotency key already used by this owner, returns the message that first request stored instead.
     *
     * @throws NotFoundException when the conversation is absent
     * @throws InvalidInputException when the key was used for a different request
     */
    Message appendMessage(OwnerId owner, ConversationId conversationId, NewMessage message,
                          Optional<Idempotent> idempotent);

    Optional<Message> findMessage(OwnerId owner, ConversationId conversationId, MessageId messageId);

    /**
     * Ordered by id (creation order); ASC gives the oldest first.
     *
     * @throws NotFoundException when the conversation is absent
     */
    Page<Message> listMessages(OwnerId owner, ConversationId conversationId, PageRequest page);
}
