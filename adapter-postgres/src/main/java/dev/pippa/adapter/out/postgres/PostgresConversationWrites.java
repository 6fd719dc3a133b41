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
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * One write transaction of {@link PostgresConversationStore}. Reading the conversation locks its row until
 * commit, so writes to one conversation from any node take turns, as they do on SQLite's single writer.
 */
final class PostgresConversationWrites implements ConversationWrites {

    private final DSLContext dsl;
    private final IdempotencyKeys keys;

    PostgresConversationWrites(DSLContext dsl, IdempotencyKeys keys) {
        this.dsl = dsl;
        this.keys = keys;
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /** The port's methods throw no checked exceptions: the driver's become the port's. */
    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw PostgresDatabase.storageFailure(e);
        }
    }

    @Override
    public Optional<Conversation> conversation(OwnerId owner, ConversationId id) {
        return sql(() -> PostgresConversationStore.selectConversation(dsl, owner, id, true));
    }

    @Override
    public Optional<Message> message(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return sql(() -> PostgresConversationStore.selectMessage(dsl, owner, conversationId, messageId));
    }

    @Override
    public Optional<Idempotent.Remembered> rememberedKey(OwnerId owner, IdempotencyKey key) {
        return keys.remembered(dsl, owner, key);
    }

    @Override
    public void insertConversation(Conversation conversation) {
        sql(() -> Rows.update(dsl, Statements.INSERT_CONVERSATION, insert -> {
            insert.setString(1, conversation.id().value());
            Rows.bindConversationValues(insert, 2, conversation);
        }));
    }

    @Override
    public void updateConversation(Conversation conversation) {
        sql(() -> Rows.update(dsl, Statements.UPDATE_CONVERSATION, update -> {
            int id = Rows.bindConversationValues(update, 1, conversation);
            update.setString(id, conversation.id().value());
        }));
    }

    /** Messages (with their search entries) and the summary go by ON DELETE CASCADE; jobs go here. */
    @Override
    public void deleteConversation(ConversationId id) {
        dsl.deleteFrom(Jobs.TABLE).where(Jobs.CONVERSATION_ID.eq(id.value())).execute();
        dsl.deleteFrom(Conversations.TABLE).where(Conversations.ID.eq(id.value())).execute();
    }

    @Override
    public void insertMessage(Message message) {
        int stored = sql(() -> Rows.update(dsl, Statements.INSERT_MESSAGE, insert -> {
            insert.setString(1, message.conversationId().value());
            insert.setString(2, message.id().value());
            insert.setString(3, message.conversationId().value());
            insert.setString(4, message.role().wireName());
            insert.setString(5, NulSafeText.encode(message.content()));
            insert.setString(6, Rows.json(message.metadata()));
            insert.setLong(7, message.createdAt().toEpochMilli());
        }));
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
        sql(() -> {
            PostgresJobStore.insert(dsl, jobs, at);
            return null;
        });
    }
}
