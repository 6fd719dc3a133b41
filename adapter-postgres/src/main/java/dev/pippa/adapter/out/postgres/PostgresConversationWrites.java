package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Conversations;
import static dev.pippa.adapter.out.postgres.Tables.Jobs;

import dev.pippa.application.port.out.ConversationWrites;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.StorageException;
import dev.pippa.domain.job.NewJob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * One write transaction of {@link PostgresConversationStore}. Reading the conversation locks its row until
 * commit, so writes to one conversation from any node take turns, as they do on SQLite's single writer.
 */
final class PostgresConversationWrites implements ConversationWrites {

    /**
     * Takes the conversation's next position under its row lock (the UPDATE locks the row even when the caller
     * did not read it first) and stores the message at it, in one statement.
     */
    private static final String INSERT_MESSAGE = """
            WITH next AS (UPDATE conversation SET last_position = last_position + 1 WHERE id = ? \
            RETURNING last_position)
            INSERT INTO message (id, conversation_id, position, role, content, metadata, created_at)
            SELECT ?, ?, next.last_position, ?, ?, ?, ? FROM next""";

    private final DSLContext dsl;
    private final IdempotencyKeys keys;

    PostgresConversationWrites(DSLContext dsl, IdempotencyKeys keys) {
        this.dsl = dsl;
        this.keys = keys;
    }

    @Override
    public Optional<Conversation> conversation(OwnerId owner, ConversationId id) {
        return PostgresConversationStore.selectConversation(dsl, owner, id, true);
    }

    @Override
    public Optional<Message> message(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return PostgresConversationStore.selectMessage(dsl, owner, conversationId, messageId);
    }

    @Override
    public Optional<Idempotent.Remembered> rememberedKey(OwnerId owner, IdempotencyKey key) {
        return keys.remembered(dsl, owner, key);
    }

    @Override
    public void insertConversation(Conversation conversation) {
        dsl.insertInto(Conversations.TABLE)
                .set(Conversations.ID, conversation.id().value())
                .set(Rows.conversationValues(conversation))
                .execute();
    }

    @Override
    public void updateConversation(Conversation conversation) {
        dsl.update(Conversations.TABLE)
                .set(Rows.conversationValues(conversation))
                .where(Conversations.ID.eq(conversation.id().value()))
                .execute();
    }

    /** Messages (with their search entries) and the summary go by ON DELETE CASCADE; jobs go here. */
    @Override
    public void deleteConversation(ConversationId id) {
        dsl.deleteFrom(Jobs.TABLE).where(Jobs.CONVERSATION_ID.eq(id.value())).execute();
        dsl.deleteFrom(Conversations.TABLE).where(Conversations.ID.eq(id.value())).execute();
    }

    @Override
    public void insertMessage(Message message) {
        int stored = dsl.execute(INSERT_MESSAGE, message.conversationId().value(), message.id().value(),
                message.conversationId().value(), message.role().wireName(), NulSafeText.encode(message.content()),
                Rows.json(message.metadata()), message.createdAt().toEpochMilli());
        if (stored != 1) {
            throw new StorageException("message " + message.id().value() + " has no conversation to go in", null);
        }
    }

    @Override
    public void rememberKey(OwnerId owner, Idempotent request, String resourceId, Instant at) {
        keys.remember(dsl, owner, request, resourceId, at);
    }

    @Override
    public void enqueueJobs(List<NewJob> jobs, Instant at) {
        PostgresJobStore.insert(dsl, jobs, at);
    }
}
