package dev.pippa.application.port.in;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageRequest;

/** A conversation's messages: append, read one, page through them, edit or delete one, fork them. */
public interface MessageUseCases {

    /** @throws dev.pippa.domain.NotFoundException when the owner has no such conversation */
    Message postMessage(PostMessageCommand command);

    /** @throws dev.pippa.domain.NotFoundException when the conversation or the message is absent */
    Message getMessage(OwnerId owner, ConversationId conversationId, MessageId messageId);

    /**
     * Changes a message's content or metadata; the conversation gets a new version, search follows.
     *
     * @throws dev.pippa.domain.NotFoundException when the conversation or the message is absent
     */
    Message editMessage(EditMessageCommand command);

    /**
     * Deletes a message; the conversation counts one fewer and gets a new version; search forgets it.
     *
     * @throws dev.pippa.domain.NotFoundException when the conversation or the message is absent
     */
    void deleteMessage(OwnerId owner, ConversationId conversationId, MessageId messageId);

    /**
     * A new conversation holding copies of this one's messages up to and including {@code upTo}, naming
     * where it came from; the original is unchanged. At most {@link #MAX_FORK_MESSAGES} are copied.
     *
     * @throws dev.pippa.domain.NotFoundException     when the conversation or the message is absent
     * @throws dev.pippa.domain.InvalidInputException when more than {@link #MAX_FORK_MESSAGES} would be copied
     */
    Conversation forkConversation(OwnerId owner, ConversationId conversationId, MessageId upTo);

    int MAX_FORK_MESSAGES = 10_000;

    /** @throws dev.pippa.domain.NotFoundException when the owner has no such conversation */
    Page<Message> listMessages(OwnerId owner, ConversationId conversationId, PageRequest page);
}
