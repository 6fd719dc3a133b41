package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.EVENT;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.IDEMPOTENCY_KEY;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.IMPORT_RECORD;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.JOB;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.STORED_FILE;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.MESSAGE;

import dev.pippa.application.port.out.ConversationWrites;
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
import dev.pippa.domain.TimeOrderedIds;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One write transaction of {@link SqliteConversationStore}, on the writer's session. JDBC's checked
 * failures become {@link dev.pippa.domain.StorageException}s, which roll back this write's savepoint alone.
 */
final class SqliteConversationWrites implements ConversationWrites {

    private final Session session;
    private final SqliteIdempotencyKeys keys;
    private final TimeOrderedIds ids = TimeOrderedIds.shared();
    private boolean recordedEvents;

    SqliteConversationWrites(Session session, SqliteIdempotencyKeys keys) {
        this.session = session;
        this.keys = keys;
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw Sqlite.storageFailure(e);
        }
    }

    @Override
    public Optional<Conversation> conversation(OwnerId owner, ConversationId id) {
        return sql(() -> SqliteConversationStore.selectConversation(session, owner, id));
    }

    @Override
    public Optional<Message> message(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return sql(() -> SqliteConversationStore.selectMessage(session, owner, conversationId, messageId));
    }

    @Override
    public Optional<Idempotent.Remembered> rememberedKey(OwnerId owner, IdempotencyKey key) {
        return sql(() -> SqliteIdempotencyKeys.remembered(session, owner, key));
    }

    @Override
    public void insertConversation(Conversation conversation) {
        sql(() -> {
            PreparedStatement insert = session.statement(SqlStatements.INSERT_CONVERSATION);
            Records.bind(insert, SqlStatements.INSERT_CONVERSATION_PARAMETERS, conversation);
            return insert.executeUpdate();
        });
    }

    @Override
    public void updateConversation(Conversation conversation) {
        sql(() -> {
            PreparedStatement update = session.statement(SqlStatements.UPDATE_CONVERSATION);
            Records.bind(update, SqlStatements.UPDATE_CONVERSATION_PARAMETERS, conversation);
            return update.executeUpdate();
        });
    }

    /**
     * Messages and the summary go by ON DELETE CASCADE; search entries, pending jobs and recorded events
     * go first, here.
     */
    @Override
    public void deleteConversation(ConversationId id) {
        sql(() -> {
            SqliteMessageSearch.forgetConversation(session, id);
            SqliteJobStore.forgetConversation(session, id);
            SqliteEventStore.forgetConversation(session, id);
            return session.dsl().deleteFrom(CONVERSATION).where(CONVERSATION.ID.eq(id.value())).execute();
        });
    }

    @Override
    public void forgetOwner(OwnerId owner) {
        sql(() -> {
            session.dsl().deleteFrom(IDEMPOTENCY_KEY).where(IDEMPOTENCY_KEY.OWNER_ID.eq(owner.value())).execute();
            session.dsl().deleteFrom(EVENT).where(EVENT.OWNER_ID.eq(owner.value())).execute();
            session.dsl().deleteFrom(STORED_FILE).where(STORED_FILE.OWNER_ID.eq(owner.value())).execute();
            return session.dsl().deleteFrom(JOB).where(JOB.OWNER_ID.eq(owner.value())).execute();
        });
    }

    @Override
    public Optional<ConversationId> importedAs(OwnerId owner, String source, String sourceId) {
        return sql(() -> session.dsl().select(IMPORT_RECORD.CONVERSATION_ID).from(IMPORT_RECORD)
                .where(IMPORT_RECORD.OWNER_ID.eq(owner.value()), IMPORT_RECORD.SOURCE.eq(source),
                        IMPORT_RECORD.SOURCE_ID.eq(sourceId))
                .fetchOptional(IMPORT_RECORD.CONVERSATION_ID).map(ConversationId::new));
    }

    @Override
    public void rememberImport(OwnerId owner, String source, String sourceId, ConversationId conversation) {
        sql(() -> session.dsl().insertInto(IMPORT_RECORD)
                .set(IMPORT_RECORD.OWNER_ID, owner.value()).set(IMPORT_RECORD.SOURCE, source)
                .set(IMPORT_RECORD.SOURCE_ID, sourceId).set(IMPORT_RECORD.CONVERSATION_ID, conversation.value())
                .execute());
    }

    @Override
    public void updateMessage(Message message) {
        sql(() -> session.dsl().update(MESSAGE)
                .set(MESSAGE.CONTENT, message.content())
                .set(MESSAGE.METADATA, MetadataJson.write(message.metadata()))
                .set(MESSAGE.EDITED_AT, message.editedAt() == null ? null : message.editedAt().toEpochMilli())
                .where(MESSAGE.ID.eq(message.id().value()))
                .execute());
    }

    @Override
    public void deleteMessage(Message message) {
        sql(() -> {
            SqliteMessageSearch.forgetMessage(session, message.id());
            return session.dsl().deleteFrom(MESSAGE).where(MESSAGE.ID.eq(message.id().value())).execute();
        });
    }

    @Override
    public void insertMessage(Message message) {
        sql(() -> {
            PreparedStatement insert = session.statement(SqlStatements.INSERT_MESSAGE);
            insert.setString(1, message.id().value());
            insert.setString(2, message.conversationId().value());
            insert.setString(3, message.role().wireName());
            insert.setString(4, message.content());
            insert.setString(5, MetadataJson.write(message.metadata()));
            insert.setLong(6, message.createdAt().toEpochMilli());
            insert.setObject(7, message.editedAt() == null ? null : message.editedAt().toEpochMilli());
            return insert.executeUpdate();
        });
    }

    @Override
    public void rememberKey(OwnerId owner, Idempotent request, String resourceId, Instant at) {
        keys.remember(session, owner, request, resourceId, at);
    }

    @Override
    public void recordEvents(List<NewEvent> events, Instant at) {
        sql(() -> {
            SqliteEventStore.insert(session, events, at);
            return null;
        });
        recordedEvents |= !events.isEmpty();
    }

    @Override
    public Optional<Response> response(OwnerId owner, ResponseId id) {
        return SqliteResponses.select(session, owner, id);
    }

    @Override
    public Optional<Response> responseAnswering(OwnerId owner, MessageId inputMessageId) {
        return SqliteResponses.answering(session, owner, inputMessageId);
    }

    @Override
    public void insertResponse(Response response) {
        SqliteResponses.insert(session, response);
    }

    @Override
    public void updateResponse(Response response) {
        SqliteResponses.update(session, response);
    }

    @Override
    public ActiveResponses activeResponses(OwnerId owner) {
        return SqliteResponses.active(session, owner);
    }

    /** Whether this transaction recorded events (readers are told once it commits). */
    boolean recordedEvents() {
        return recordedEvents;
    }

    @Override
    public void enqueueJobs(List<NewJob> jobs, Instant at) {
        sql(() -> {
            SqliteJobStore.insert(session, ids, jobs, at);
            return null;
        });
    }
}
