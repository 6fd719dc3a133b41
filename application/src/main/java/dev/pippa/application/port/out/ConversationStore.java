package dev.pippa.application.port.out;

import dev.pippa.domain.Activity;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationFilter;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageCursor;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where conversations and their messages are kept: storage and queries only. What a write means (ids,
 * versions, counts, idempotent replay, the jobs it causes, what a cursor points at) is decided by the
 * application, which hands the store a complete change inside {@link #write}. Every query is scoped by
 * owner: another owner's conversation behaves exactly like one that does not exist. Implementations raise
 * only {@link dev.pippa.domain.DomainException}s.
 */
public interface ConversationStore {

    Optional<Conversation> findConversation(OwnerId owner, ConversationId id);

    /**
     * Up to {@code limit} of the owner's conversations that {@code filter} {@linkplain ConversationFilter#matches
     * matches}, ordered by {@link Conversation#listKey()} then id (DESC: pinned first, then the most recently
     * active), strictly after the position {@code after} (null: from the start). Walks an index in list order,
     * never sorting: a filter only decides which rows of that walk are returned.
     */
    List<Conversation> listConversations(OwnerId owner, ConversationFilter filter, PageCursor after, SortOrder order,
                                         int limit);

    Optional<Message> findMessage(OwnerId owner, ConversationId conversationId, MessageId messageId);

    /** Those of these messages that exist and are the owner's, in any order. */
    List<Message> findMessages(OwnerId owner, List<MessageId> ids);

    /**
     * Up to {@code limit} of the conversation's messages ordered by id, ASC giving the oldest first, strictly
     * after the message id {@code after} (null: from the start); empty when the owner has no such conversation.
     */
    List<Message> listMessages(OwnerId owner, ConversationId conversationId, MessageId after, SortOrder order,
                               int limit);

    /**
     * Up to {@code limit} unpinned conversations of any owner whose last activity is before {@code cutoff},
     * least recently active first (for retention; an index on activity keeps it cheap).
     */
    List<Conversation> inactiveSince(Instant cutoff, int limit);

    /** The owner's conversation and message counts, and their messages per UTC day from {@code since} on. */
    Activity activity(OwnerId owner, java.time.LocalDate since);

    /** The owner's response; empty for another owner's, as for one that does not exist. */
    Optional<Response> findResponse(OwnerId owner, ResponseId id);

    /**
     * Runs {@code work} as one transaction: everything it writes is stored together or not at all, and no
     * other write to the same conversations interleaves with it (ids assigned inside it therefore grow in
     * commit order, which keeps keyset paging exact). Returns once the transaction is durable.
     */
    <T> T write(Function<ConversationWrites, T> work);
}
