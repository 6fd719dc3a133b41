package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Conversations;
import static dev.pippa.adapter.out.postgres.Tables.Events;
import static dev.pippa.adapter.out.postgres.Tables.ImportRecords;
import static dev.pippa.adapter.out.postgres.Tables.Jobs;
import static dev.pippa.adapter.out.postgres.Tables.Messages;

import dev.pippa.application.port.out.ConversationWrites;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.StorageException;
import dev.pippa.domain.event.NewEvent;
import dev.pippa.domain.generation.Response;
import dev.pippa.domain.generation.ResponseId;
import dev.pippa.domain.job.NewJob;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * One write transaction of {@link PostgresConversationStore}. Reading the conversation locks its row until
 * commit, so writes to one conversation from any node take turns, as they do on SQLite's single writer.
 * Inserts and updates wait in {@link #pending} and go to the server together, in one round trip, when the
 * transaction next reads or ends ({@link #flush}): a post's message, conversation update and jobs cost one
 * round trip instead of three while the row lock is held.
 */
final class PostgresConversationWrites implements ConversationWrites {

    /** Binds one statement's parameters from {@code first} on; returns the next free parameter. */
    @FunctionalInterface
    private interface Binder {
        int bind(PreparedStatement statement, int first) throws SQLException;
    }

    /** A statement waiting for the next flush; {@code onlyRow}: it must change exactly one row. */
    private record Pending(String sql, Binder binder, boolean onlyRow) {
    }

    private final DSLContext dsl;
    private final IdempotencyKeys keys;
    private final List<Pending> pending = new ArrayList<>();
    private boolean recordedEvents;

    PostgresConversationWrites(DSLContext dsl, IdempotencyKeys keys) {
        this.dsl = dsl;
        this.keys = keys;
    }

    @Override
    public Optional<Conversation> conversation(OwnerId owner, ConversationId id) {
        flush();
        return PostgresConversationStore.selectConversation(dsl, owner, id, true);
    }

    @Override
    public Optional<Message> message(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        flush();
        return PostgresConversationStore.selectMessage(dsl, owner, conversationId, messageId);
    }

    @Override
    public Optional<Idempotent.Remembered> rememberedKey(OwnerId owner, IdempotencyKey key) {
        flush();
        return keys.remembered(dsl, owner, key);
    }

    @Override
    public void insertConversation(Conversation conversation) {
        pending.add(new Pending(Statements.INSERT_CONVERSATION, (insert, first) -> {
            insert.setString(first, conversation.id().value());
            return Rows.bindConversationValues(insert, first + 1, conversation);
        }, true));
    }

    @Override
    public void updateConversation(Conversation conversation) {
        pending.add(new Pending(Statements.UPDATE_CONVERSATION, (update, first) -> {
            int id = Rows.bindConversationValues(update, first, conversation);
            update.setString(id, conversation.id().value());
            return id + 1;
        }, false));
    }

    /** Messages (with their search entries) and the summary go by ON DELETE CASCADE; jobs and events go here. */
    @Override
    public void deleteConversation(ConversationId id) {
        flush();
        dsl.deleteFrom(Jobs.TABLE).where(Jobs.CONVERSATION_ID.eq(id.value())).execute();
        dsl.deleteFrom(Events.TABLE).where(Events.CONVERSATION_ID.eq(id.value())).execute();
        dsl.deleteFrom(Conversations.TABLE).where(Conversations.ID.eq(id.value())).execute();
    }

    /** Must store exactly one row: none would mean the conversation is gone, which its lock rules out. */
    @Override
    public void insertMessage(Message message) {
        pending.add(new Pending(Statements.INSERT_MESSAGE, (insert, first) -> {
            int parameter = first;
            insert.setString(parameter++, message.conversationId().value());
            insert.setString(parameter++, message.id().value());
            insert.setString(parameter++, message.conversationId().value());
            insert.setString(parameter++, message.role().wireName());
            insert.setString(parameter++, NulSafeText.encode(message.content()));
            insert.setString(parameter++, Rows.json(message.metadata()));
            insert.setLong(parameter++, message.createdAt().toEpochMilli());
            insert.setObject(parameter++, message.editedAt() == null ? null : message.editedAt().toEpochMilli(),
                    java.sql.Types.BIGINT);
            return parameter;
        }, true));
    }

    @Override
    public void forgetOwner(OwnerId owner) {
        flush();
        dsl.deleteFrom(Tables.IdempotencyKeys.TABLE).where(Tables.IdempotencyKeys.OWNER_ID.eq(owner.value())).execute();
        dsl.deleteFrom(Events.TABLE).where(Events.OWNER_ID.eq(owner.value())).execute();
        dsl.deleteFrom(Jobs.TABLE).where(Jobs.OWNER_ID.eq(owner.value())).execute();
        dsl.deleteFrom(Tables.Files.TABLE).where(Tables.Files.OWNER_ID.eq(owner.value())).execute();
    }

    @Override
    public Optional<ConversationId> importedAs(OwnerId owner, String source, String sourceId) {
        flush();
        return dsl.select(ImportRecords.CONVERSATION_ID).from(ImportRecords.TABLE)
                .where(ImportRecords.OWNER_ID.eq(owner.value()), ImportRecords.SOURCE.eq(source),
                        ImportRecords.SOURCE_ID.eq(NulSafeText.encode(sourceId)))
                .fetchOptional(ImportRecords.CONVERSATION_ID).map(ConversationId::new);
    }

    @Override
    public void rememberImport(OwnerId owner, String source, String sourceId, ConversationId conversation) {
        flush();
        dsl.insertInto(ImportRecords.TABLE).set(ImportRecords.OWNER_ID, owner.value())
                .set(ImportRecords.SOURCE, source).set(ImportRecords.SOURCE_ID, NulSafeText.encode(sourceId))
                .set(ImportRecords.CONVERSATION_ID, conversation.value()).execute();
    }

    @Override
    public void updateMessage(Message message) {
        flush();
        dsl.update(Messages.TABLE)
                .set(Messages.CONTENT, NulSafeText.encode(message.content()))
                .set(Messages.METADATA, Rows.json(message.metadata()))
                .set(Messages.EDITED_AT, message.editedAt() == null ? null : message.editedAt().toEpochMilli())
                .where(Messages.ID.eq(message.id().value()))
                .execute();
    }

    /** Its search terms live in its row, so they go with it. */
    @Override
    public void deleteMessage(Message message) {
        flush();
        dsl.deleteFrom(Messages.TABLE).where(Messages.ID.eq(message.id().value())).execute();
    }

    @Override
    public void rememberKey(OwnerId owner, Idempotent request, String resourceId, Instant at) {
        flush();
        keys.remember(dsl, owner, request, resourceId, at);
    }

    @Override
    public void enqueueJobs(List<NewJob> jobs, Instant at) {
        for (NewJob job : jobs) {
            pending.add(new Pending(Statements.INSERT_JOB, (insert, first) ->
                    PostgresJobStore.bind(insert, first, job, at), true));
        }
    }

    @Override
    public void recordEvents(List<NewEvent> events, Instant at) {
        for (NewEvent event : events) {
            pending.add(new Pending(Statements.INSERT_EVENT, (insert, first) ->
                    PostgresEventStore.bind(insert, first, event, at), true));
        }
        recordedEvents |= !events.isEmpty();
    }

    @Override
    public Optional<Response> response(OwnerId owner, ResponseId id) {
        flush();
        return PostgresResponses.select(dsl, owner, id);
    }

    @Override
    public Optional<Response> responseAnswering(OwnerId owner, MessageId inputMessageId) {
        flush();
        return PostgresResponses.answering(dsl, owner, inputMessageId);
    }

    @Override
    public void insertResponse(Response response) {
        flush();
        PostgresResponses.insert(dsl, response);
    }

    @Override
    public ActiveResponses activeResponses(OwnerId owner) {
        flush();
        return PostgresResponses.active(dsl, owner);
    }

    @Override
    public void updateResponse(Response response) {
        flush();
        PostgresResponses.update(dsl, response);
    }

    /** Whether this transaction recorded events (readers are told once it commits). */
    boolean recordedEvents() {
        return recordedEvents;
    }

    /** Sends the waiting statements in one round trip; each must have changed what it had to. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> statements = List.copyOf(pending);
        pending.clear();
        String sql = String.join(";\n", statements.stream().map(Pending::sql).toList());
        List<Integer> changed = Rows.pipeline(dsl, sql, statement -> {
            int parameter = 1;
            for (Pending each : statements) {
                parameter = each.binder().bind(statement, parameter);
            }
        });
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).onlyRow() && changed.get(i) != 1) {
                throw new StorageException("a write changed " + changed.get(i) + " rows instead of one: "
                        + statements.get(i).sql(), null);
            }
        }
    }
}
