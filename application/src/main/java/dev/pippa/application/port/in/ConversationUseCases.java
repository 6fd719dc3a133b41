package dev.pippa.application.port.in;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;

/** Conversations: start, read, list, change and delete them. Every call is scoped by owner. */
public interface ConversationUseCases {

    Conversation createConversation(CreateConversationCommand command);

    /** @throws dev.pippa.domain.NotFoundException when the owner has no such conversation */
    Conversation getConversation(OwnerId owner, ConversationId id);

    /** One page of the conversations {@code filter} shows, pinned first in the default (descending) order. */
    Page<Conversation> listConversations(OwnerId owner, ConversationFilter filter, PageRequest page);

    /**
     * @throws dev.pippa.domain.NotFoundException when the owner has no such conversation
     * @throws dev.pippa.domain.ConflictException when the command expects another version
     */
    Conversation updateConversation(UpdateConversationCommand command);

    /** Deletes the conversation and its messages. @throws dev.pippa.domain.NotFoundException when absent */
    void deleteConversation(OwnerId owner, ConversationId id);
}
