package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;

import dev.pippa.adapter.out.sqlite.jooq.tables.records.ConversationRecord;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.ConversationPatch;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.Message;
import dev.pippa.domain.MessageId;
import dev.pippa.application.port.out.MessageJobs;
import dev.pippa.domain.NewConversation;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.Page;
import dev.pippa.domain.PageCursor;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.TimeOrderedIds;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * {@link ConversationStore} on a {@link SqliteDatabase}: conversations, their messages and the idempotency
 * keys of their writes. The hot statements are rendered once ({@link SqlStatements}) and prepared once per
 * connection.
 */
public final class SqliteConversationStore implements ConversationStore {

    private final SqliteDatabase database;
    private final Clock clock;
    private final TimeOrderedIds ids = TimeOrderedIds.shared();
    private final MessageJobs messageJobs;
    private final SqliteIdempotencyKeys keys = new SqliteIdempotencyKeys();

    /** @param messageJobs the jobs each new message causes, written in its transaction */
    public SqliteConversationStore(SqliteDatabase database, Clock clock, MessageJobs messageJobs) {
        this.database = database;
        this.clock = clock;
        this.messageJobs = messageJobs;
    }

    /** A store whose messages cause no background jobs, on the system clock. */
    public SqliteConversationStore(SqliteDatabase database) {
        this(database, Clock.systemUTC(), MessageJobs.NONE);
    }

    /**
     * Initialises jOOQ and renders the statements now instead of on the first request (about half a second
     * on a cold JVM). Meant to run in the background after start; changes nothing.
     */
    public void warmUp() {
        conversationPage(Sqlite.dsl(null), new OwnerId("warm-up"), PageRequest.first(1, SortOrder.DESC)).getSQL();
        SqlStatements.messagePage(SortOrder.ASC, false);
    }

    // ---- conversations ---------------------------------------------------------------------------

    @Override
    public Conversation createConversation(OwnerId owner, NewConversation draft, Optional<Idempotent> idempotent) {
        return write(session -> {
            Instant now = now();
            Optional<String> replay = keys.replayOf(session, owner, idempotent, now);
            if (replay.isPresent()) {
                return selectConversation(session, owner, new ConversationId(replay.get()))
                        .orElseThrow(() -> new NotFoundException("conversation", replay.get()));
            }
            Conversation conversation = draft.createdAs(ConversationId.next(ids), owner, now);
            session.dsl().insertInto(CONVERSATION)
                    .set(CONVERSATION.ID, conversation.id().value())
                    .set(CONVERSATION.OWNER_ID, owner.value())
                    .set(CONVERSATION.TITLE, conversation.title())
                    .set(CONVERSATION.METADATA, MetadataJson.write(conversation.metadata()))
                    .set(CONVERSATION.MESSAGE_COUNT, 0L)
                    .set(CONVERSATION.CREATED_AT, now.toEpochMilli())
                    .set(CONVERSATION.UPDATED_AT, now.toEpochMilli())
                    .set(CONVERSATION.VERSION, conversation.version())
                    .execute();
            SqliteIdempotencyKeys.remember(session, owner, idempotent, conversation.id().value(), now);
            return conversation;
        });
    }

    @Override
    public Optional<Conversation> findConversation(OwnerId owner, ConversationId id) {
        return read(session -> selectConversation(session, owner, id));
    }

    @Override
    public Page<Conversation> listConversations(OwnerId owner, PageRequest page) {
        List<Conversation> fetched = read(session -> {
            List<Conversation> rows = new ArrayList<>(page.limit() + 1);
            try (ResultSet row = conversationPage(session.dsl(), owner, page).fetchResultSet()) {
                while (row.next()) {
                    rows.add(Records.conversation(row));
                }
            }
            return rows;
        });
        return Page.ofConversations(fetched, page);
    }

    /** One keyset page of an owner's conversations (plus one row to tell whether more follow). */
    static ResultQuery<ConversationRecord> conversationPage(DSLContext dsl, OwnerId owner, PageRequest page) {
        PageCursor after = page.conversationsPosition(owner);
        boolean ascending = page.order() == SortOrder.ASC;
        Condition where = CONVERSATION.OWNER_ID.eq(owner.value());
        if (after != null) {
            var key = DSL.row(CONVERSATION.UPDATED_AT, CONVERSATION.ID);
            var cursor = DSL.row(after.position(), after.lastId());
            where = where.and(ascending ? key.gt(cursor) : key.lt(cursor));
        }
        return dsl.selectFrom(CONVERSATION)
                .where(where)
                .orderBy(ascending ? CONVERSATION.UPDATED_AT.asc() : CONVERSATION.UPDATED_AT.desc(),
                        ascending ? CONVERSATION.ID.asc() : CONVERSATION.ID.desc())
                .limit(page.limit() + 1);
    }

    @Override
    public Conversation updateConversation(OwnerId owner, ConversationId id, ConversationPatch patch) {
        return write(session -> {
            Conversation current = selectConversation(session, owner, id)
                    .orElseThrow(() -> new NotFoundException("conversation", id.value()));
            patch.checkVersion(current);
            Conversation updated = patch.applyTo(current, now());
            session.dsl().update(CONVERSATION)
                    .set(CONVERSATION.TITLE, updated.title())
                    .set(CONVERSATION.METADATA, MetadataJson.write(updated.metadata()))
                    .set(CONVERSATION.UPDATED_AT, updated.updatedAt().toEpochMilli())
                    .set(CONVERSATION.VERSION, updated.version())
                    .where(CONVERSATION.ID.eq(id.value()))
                    .execute();
            return updated;
        });
    }

    @Override
    public boolean deleteConversation(OwnerId owner, ConversationId id) {
        // Messages and the summary go by ON DELETE CASCADE (foreign keys are enforced on every connection);
        // their search entries and pending jobs go first, in the same transaction.
        return write(session -> {
            if (selectConversation(session, owner, id).isEmpty()) {
                return false;
            }
            SqliteMessageSearch.forgetConversation(session, id);
            SqliteJobStore.forgetConversation(session, id);
            return session.dsl().deleteFrom(CONVERSATION).where(CONVERSATION.ID.eq(id.value())).execute() > 0;
        });
    }

    private static Optional<Conversation> selectConversation(Session session, OwnerId owner, ConversationId id)
            throws SQLException {
        PreparedStatement select = session.statement(SqlStatements.SELECT_CONVERSATION);
        select.setString(1, id.value());
        select.setString(2, owner.value());
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(Records.conversation(row)) : Optional.empty();
        }
    }

    // ---- messages ----------------------------------------------------------------------------------

    @Override
    public Message appendMessage(OwnerId owner, ConversationId conversationId, NewMessage draft,
                                 Optional<Idempotent> idempotent) {
        return write(session -> {
            Instant now = now();
            Optional<String> replay = keys.replayOf(session, owner, idempotent, now);
            if (replay.isPresent()) {
                return selectMessage(session, owner, conversationId, new MessageId(replay.get()))
                        .orElseThrow(() -> new NotFoundException("conversation", conversationId.value()));
            }
            PreparedStatement touch = session.statement(SqlStatements.TOUCH_CONVERSATION);
            touch.setLong(1, now.toEpochMilli());
            touch.setString(2, conversationId.value());
            touch.setString(3, owner.value());
            long messageCount;
            try (ResultSet touched = touch.executeQuery()) {
                if (!touched.next()) {
                    throw new NotFoundException("conversation", conversationId.value());
                }
                messageCount = touched.getLong(1);
            }
            Message message = draft.storedAs(MessageId.next(ids), conversationId, now);
            PreparedStatement insert = session.statement(SqlStatements.INSERT_MESSAGE);
            insert.setString(1, message.id().value());
            insert.setString(2, conversationId.value());
            insert.setString(3, message.role().wireName());
            insert.setString(4, message.content());
            insert.setString(5, MetadataJson.write(message.metadata()));
            insert.setLong(6, now.toEpochMilli());
            insert.executeUpdate();
            SqliteIdempotencyKeys.remember(session, owner, idempotent, message.id().value(), now);
            SqliteJobStore.insert(session, ids, messageJobs.jobsFor(owner, message, messageCount), now);
            return message;
        });
    }

    @Override
    public Optional<Message> findMessage(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return read(session -> selectMessage(session, owner, conversationId, messageId));
    }

    @Override
    public Page<Message> listMessages(OwnerId owner, ConversationId conversationId, PageRequest page) {
        PageCursor after = page.messagesPosition(conversationId);
        List<Message> fetched = read(session -> {
            List<Message> rows = MessageRows.page(session, owner, conversationId, page.order(),
                    after == null ? null : after.lastId(), page.limit() + 1);
            // An empty page is either the end of a conversation or no conversation at all.
            if (rows.isEmpty() && selectConversation(session, owner, conversationId).isEmpty()) {
                throw new NotFoundException("conversation", conversationId.value());
            }
            return rows;
        });
        return Page.ofMessages(fetched, page);
    }

    private static Optional<Message> selectMessage(Session session, OwnerId owner, ConversationId conversationId,
                                                   MessageId messageId) throws SQLException {
        PreparedStatement select = session.statement(SqlStatements.SELECT_MESSAGE);
        select.setString(1, messageId.value());
        select.setString(2, conversationId.value());
        select.setString(3, owner.value());
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(Records.message(row, conversationId)) : Optional.empty();
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    private <T> T write(SqlWork<T> work) {
        return database.write(work);
    }

    private <T> T read(SqlWork<T> work) {
        return database.read(work);
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }
}
