package dev.pippa.domain.generation;

import dev.pippa.domain.Check;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import java.time.Instant;

/**
 * A request to generate the next message of a conversation, and how it went. {@code outputMessageId} is
 * set once the assistant message is stored; {@code error} once it failed or ended early.
 *
 * @param asked   what the caller asked for (model, instructions, limits)
 * @param usage   tokens as the model reported them; zero until it finishes
 * @param context what was sent to the model; null until the response ends having sent it
 */
public record Response(ResponseId id, OwnerId owner, ConversationId conversationId, ResponseStatus status,
                       GenerationRequest asked, MessageId inputMessageId, MessageId outputMessageId, Usage usage,
                       ResponseError error, boolean cancelRequested, Instant createdAt, Instant completedAt,
                       ContextSent context) {

    /** Token counts; zero when unknown. */
    public record Usage(long inputTokens, long outputTokens) {
        public static final Usage NONE = new Usage(0, 0);

        public Usage {
            if (inputTokens < 0 || outputTokens < 0) {
                throw new InvalidInputException("usage", "must not be negative");
            }
        }
    }

    /** Why a response failed or ended early, in problem terms: a machine-readable code and words. */
    public record ResponseError(String code, String detail) {
        public ResponseError {
            Check.notNull("code", code);
            Check.notNull("detail", detail);
        }
    }

    public Response {
        Check.notNull("id", id);
        Check.notNull("owner", owner);
        Check.notNull("conversation_id", conversationId);
        Check.notNull("status", status);
        Check.notNull("asked", asked);
        Check.notNull("input_message_id", inputMessageId);
        Check.notNull("usage", usage);
        Check.notNull("created_at", createdAt);
        if (status.isFinal() != (completedAt != null)) {
            throw new IllegalArgumentException("a response has a completion time exactly when it is final");
        }
        if (status == ResponseStatus.COMPLETED && outputMessageId == null) {
            throw new IllegalArgumentException("a completed response has its output message");
        }
    }

    /** A new response, queued behind the message it answers. */
    public static Response queued(ResponseId id, OwnerId owner, ConversationId conversationId, GenerationRequest asked,
                                  MessageId inputMessageId, Instant at) {
        return new Response(id, owner, conversationId, ResponseStatus.QUEUED, asked, inputMessageId, null, Usage.NONE,
                null, false, at, null, null);
    }

    public Response started() {
        requireNotFinal();
        return new Response(id, owner, conversationId, ResponseStatus.IN_PROGRESS, asked, inputMessageId, null, usage,
                null, cancelRequested, createdAt, null, context);
    }

    /** Back in the queue: its run failed before any text, and will be tried again. */
    public Response requeued() {
        requireNotFinal();
        return new Response(id, owner, conversationId, ResponseStatus.QUEUED, asked, inputMessageId, null, usage,
                null, cancelRequested, createdAt, null, context);
    }

    /** Ends the response: completed (with its message), or incomplete, failed or cancelled (with why). */
    public Response finished(ResponseStatus outcome, MessageId output, Usage used, ResponseError why, Instant at) {
        requireNotFinal();
        if (!outcome.isFinal()) {
            throw new IllegalArgumentException("not an outcome: " + outcome);
        }
        return new Response(id, owner, conversationId, outcome, asked, inputMessageId, output, used, why,
                cancelRequested, createdAt, at, context);
    }

    /** With what was sent to the model recorded. */
    public Response withContext(ContextSent sent) {
        return new Response(id, owner, conversationId, status, asked, inputMessageId, outputMessageId, usage, error,
                cancelRequested, createdAt, completedAt, sent);
    }

    public Response withCancelRequested() {
        return new Response(id, owner, conversationId, status, asked, inputMessageId, outputMessageId, usage, error,
                true, createdAt, completedAt, context);
    }

    private void requireNotFinal() {
        if (status.isFinal()) {
            throw new IllegalStateException("response " + id + " has already ended " + status.wireName());
        }
    }
}
