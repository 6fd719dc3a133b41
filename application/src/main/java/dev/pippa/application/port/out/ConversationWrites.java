package dev.pippa.application.port.out;

import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseId;
import dev.pippa.domain.job.NewJob;
import dev.pippa.domain.OwnerId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What one {@link ConversationStore#write} transaction can read and change. */
public interface ConversationWrites {

    /** The conversation as this transaction sees it (a SQL store locks its row for the transaction). */
    Optional<Conversation> conversation(OwnerId owner, ConversationId id);

    Optional<Message> message(OwnerId owner, ConversationId conversationId, MessageId messageId);

    /** What the owner's first request with this key created, if the store still remembers it. */
    Optional<Idempotent.Remembered> rememberedKey(OwnerId owner, IdempotencyKey key);

    void insertConversation(Conversation conversation);

    /** Stores every field of the conversation as given (title, metadata, count, update time, version). */
    void updateConversation(Conversation conversation);

    /**
     * Deletes the conversation and everything kept under it: messages, summary, search entries, pending jobs
     * and its recorded events.
     */
    void deleteConversation(ConversationId id);

    void insertMessage(Message message);

    /** Stores the message's content, metadata and edit time (its search entries are redone by a job). */
    void updateMessage(Message message);

    /** Deletes the message and its search entries. */
    void deleteMessage(Message message);

    /**
     * Deletes what the owner still has once their conversations are deleted: idempotency keys, events,
     * jobs and uploaded files (an account being erased).
     */
    void forgetOwner(OwnerId owner);

    /** The conversation imported earlier from this source's conversation, if any (and not deleted since). */
    Optional<ConversationId> importedAs(OwnerId owner, String source, String sourceId);

    /** Remembers that {@code conversation} was imported from this source's conversation; it goes with it. */
    void rememberImport(OwnerId owner, String source, String sourceId, ConversationId conversation);

    /** Remembers what the request with this key created, at {@code at}; keys past their retention may go. */
    void rememberKey(OwnerId owner, Idempotent request, String resourceId, Instant at);

    /** Queues background jobs, due at {@code at}, in this transaction (an outbox). */
    void enqueueJobs(List<NewJob> jobs, Instant at);

    /** Records events, at {@code at}, in this transaction: readers see them once it commits. */
    void recordEvents(List<NewEvent> events, Instant at);

    /** The owner's response as this transaction sees it. */
    Optional<Response> response(OwnerId owner, ResponseId id);

    /** The owner's response to this input message (each message gets at most one). */
    Optional<Response> responseAnswering(OwnerId owner, MessageId inputMessageId);

    void insertResponse(Response response);

    /** Responses not yet ended (queued or in progress): the owner's, and everyone's. */
    ActiveResponses activeResponses(OwnerId owner);

    record ActiveResponses(long owners, long total) {
    }

    /** Stores every field of the response as given (status, output, usage, error, cancel, completion). */
    void updateResponse(Response response);
}
