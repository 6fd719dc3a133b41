package dev.pippa.domain;

import java.util.Optional;

/**
 * The persistence port. Every operation is scoped by owner: another owner's conversation behaves
 * exactly like one that does not exist. Implementations assign ids and timestamps, keep message ids
 * increasing in commit order (so keyset paging never skips or repeats), and raise only
 * {@link DomainException}s.
 */
public interface ConversationStore {

    Conversation createConversation(OwnerId owner, NewConversation conversation);

    Optional<Conversation> findConversation(OwnerId owner, ConversationId id);

    /** Ordered by last activity ({@code updatedAt}, then id); DESC gives the most recent first. */
    Page<Conversation> listConversations(OwnerId owner, PageRequest page);

    /** @throws NotFoundException when absent; @throws ConflictException when the expected version differs */
    Conversation updateConversation(OwnerId owner, ConversationId id, ConversationPatch patch);

    /** Deletes the conversation and all its messages; false when there was nothing to delete. */
    boolean deleteConversation(OwnerId owner, ConversationId id);

    /**
     * Appends a message, bumping the conversation's message count, updated time and version.
     *
     * @throws NotFoundException when the conversation is absent
     */
    Message appendMessage(OwnerId owner, ConversationId conversationId, NewMessage message);

    Optional<Message> findMessage(OwnerId owner, ConversationId conversationId, MessageId messageId);

    /**
     * Ordered by id (creation order); ASC gives the oldest first.
     *
     * @throws NotFoundException when the conversation is absent
     */
    Page<Message> listMessages(OwnerId owner, ConversationId conversationId, PageRequest page);
}
