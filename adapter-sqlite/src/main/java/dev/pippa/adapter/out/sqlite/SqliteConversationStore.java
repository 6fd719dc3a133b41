package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.MESSAGE;

import dev.pippa.adapter.out.sqlite.jooq.tables.records.ConversationRecord;
import dev.pippa.application.port.out.ConversationStore;
import dev.pippa.application.port.out.ConversationWrites;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * {@link ConversationStore} on a {@link SqliteDatabase}: conversations, their messages and the idempotency
 * keys of their writes. Storage only: a {@link #write} runs as one task of the single writer (its own
 * savepoint in a group commit), so nothing else interleaves with it and ids assigned inside it grow in
 * commit order. The hot statements are rendered once ({@link SqlStatements}) and prepared once per
 * connection.
 */
public final class SqliteConversationStore implements ConversationStore {

    private static final long DAY_MILLIS = 86_400_000L;

    private final SqliteDatabase database;
    private final SqliteIdempotencyKeys keys = new SqliteIdempotencyKeys();

    public SqliteConversationStore(SqliteDatabase database) {
        this.database = database;
    }

    /**
     * Initialises jOOQ and renders the statements now instead of on the first request (about half a second
     * on a cold JVM). Meant to run in the background after start; changes nothing.
     */
    public void warmUp() {
        conversationPage(Sqlite.dsl(null), new OwnerId("warm-up"), ConversationFilter.DEFAULT, null, SortOrder.DESC, 1)
                .getSQL();
        SqlStatements.messagePage(SortOrder.ASC, false);
    }

    @Override
    public Optional<Conversation> findConversation(OwnerId owner, ConversationId id) {
        return database.read(session -> selectConversation(session, owner, id));
    }

    @Override
    public List<Conversation> inactiveSince(Instant cutoff, int limit) {
        return database.read(session -> conversations(session.dsl().selectFrom(CONVERSATION)
                .where(CONVERSATION.UPDATED_AT.lt(cutoff.toEpochMilli()), CONVERSATION.PINNED.isFalse())
                .orderBy(CONVERSATION.UPDATED_AT, CONVERSATION.ID).limit(limit), limit));
    }

    @Override
    public List<Conversation> listConversations(OwnerId owner, ConversationFilter filter, PageCursor after,
                                                SortOrder order, int limit) {
        return database.read(session -> conversations(
                conversationPage(session.dsl(), owner, filter, after, order, limit), limit));
    }

    private static List<Conversation> conversations(org.jooq.ResultQuery<?> query, int limit) throws SQLException {
        List<Conversation> rows = new ArrayList<>(limit);
        try (ResultSet row = query.fetchResultSet()) {
            while (row.next()) {
                rows.add(Records.conversation(row));
            }
        }
        return rows;
    }

    /**
     * One keyset page of an owner's conversations, by list key then id: a range scan of conversation_list
     * (one archive state) or conversation_list_all (both). The title and metadata filters only drop rows of
     * that walk, so a filtered page reads the owner's rows in order until it has {@code limit} matches.
     */
    static ResultQuery<ConversationRecord> conversationPage(DSLContext dsl, OwnerId owner, ConversationFilter filter,
                                                           PageCursor after, SortOrder order, int limit) {
        boolean ascending = order == SortOrder.ASC;
        Condition where = CONVERSATION.OWNER_ID.eq(owner.value());
        if (filter.archived() != ConversationFilter.Archived.ALL) {
            where = where.and(CONVERSATION.ARCHIVED.eq(filter.archived() == ConversationFilter.Archived.ONLY));
        }
        if (after != null) {
            var key = DSL.row(CONVERSATION.LIST_KEY, CONVERSATION.ID);
            var cursor = DSL.row(after.position(), after.lastId());
            where = where.and(ascending ? key.gt(cursor) : key.lt(cursor));
        }
        if (filter.titleContains() != null) {
            where = where.and(DSL.function("instr", Integer.class, CONVERSATION.TITLE_KEY,
                    DSL.val(filter.titleContains())).gt(0));
        }
        for (var pair : filter.metadata().entrySet()) {
            where = where.andExists(DSL.selectOne().from(DSL.table("json_each({0})", CONVERSATION.METADATA))
                    .where(DSL.field(DSL.name("key")).eq(pair.getKey()),
                            DSL.field(DSL.name("value")).eq(pair.getValue())));
        }
        return dsl.selectFrom(CONVERSATION)
                .where(where)
                .orderBy(ascending ? CONVERSATION.LIST_KEY.asc() : CONVERSATION.LIST_KEY.desc(),
                        ascending ? CONVERSATION.ID.asc() : CONVERSATION.ID.desc())
                .limit(limit);
    }

    @Override
    public Optional<Message> findMessage(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return database.read(session -> selectMessage(session, owner, conversationId, messageId));
    }

    @Override
    public List<Message> findMessages(OwnerId owner, List<MessageId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return database.read(session -> {
            List<Message> found = new ArrayList<>(ids.size());
            try (ResultSet row = session.dsl().select(MESSAGE.fields()).from(MESSAGE)
                    .join(CONVERSATION).on(CONVERSATION.ID.eq(MESSAGE.CONVERSATION_ID))
                    .where(CONVERSATION.OWNER_ID.eq(owner.value()),
                            MESSAGE.ID.in(ids.stream().map(MessageId::value).toList()))
                    .fetchResultSet()) {
                Records.MessageColumns columns = Records.MessageColumns.of(row);
                while (row.next()) {
                    found.add(Records.message(row, columns,
                            new ConversationId(row.getString(MESSAGE.CONVERSATION_ID.getName()))));
                }
            }
            return found;
        });
    }

    @Override
    public List<Message> listMessages(OwnerId owner, ConversationId conversationId, MessageId after, SortOrder order,
                                      int limit) {
        return database.read(session -> MessageRows.page(session, owner, conversationId, order,
                after == null ? null : after.value(), limit));
    }

    @Override
    public Activity activity(OwnerId owner, LocalDate since) {
        return database.read(session -> {
            var totals = session.dsl().select(DSL.count(), DSL.sum(CONVERSATION.MESSAGE_COUNT))
                    .from(CONVERSATION).where(CONVERSATION.OWNER_ID.eq(owner.value())).fetchOne();
            var day = MESSAGE.CREATED_AT.div(DAY_MILLIS).as("day");
            Map<LocalDate, Long> perDay = new HashMap<>();
            session.dsl().select(day, DSL.count()).from(MESSAGE)
                    .join(CONVERSATION).on(CONVERSATION.ID.eq(MESSAGE.CONVERSATION_ID))
                    .where(CONVERSATION.OWNER_ID.eq(owner.value()),
                            MESSAGE.CREATED_AT.ge(since.toEpochDay() * DAY_MILLIS))
                    .groupBy(DSL.field(DSL.name("day")))
                    .forEach(row -> perDay.put(LocalDate.ofEpochDay(row.value1()), row.value2().longValue()));
            return new Activity(totals.value1(), totals.value2() == null ? 0 : totals.value2().longValue(), perDay);
        });
    }

    @Override
    public Optional<Response> findResponse(OwnerId owner, ResponseId id) {
        return database.read(session -> SqliteResponses.select(session, owner, id));
    }

    @Override
    public <T> T write(Function<ConversationWrites, T> work) {
        boolean[] recordedEvents = {false};
        T result = database.write(session -> {
            SqliteConversationWrites writes = new SqliteConversationWrites(session, keys);
            T done = work.apply(writes);
            recordedEvents[0] = writes.recordedEvents();
            return done;
        });
        if (recordedEvents[0]) {
            database.eventsCommitted();
        }
        return result;
    }

    static Optional<Conversation> selectConversation(Session session, OwnerId owner, ConversationId id)
            throws SQLException {
        PreparedStatement select = session.statement(SqlStatements.SELECT_CONVERSATION);
        select.setString(1, id.value());
        select.setString(2, owner.value());
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(Records.conversation(row)) : Optional.empty();
        }
    }

    static Optional<Message> selectMessage(Session session, OwnerId owner, ConversationId conversationId,
                                           MessageId messageId) throws SQLException {
        PreparedStatement select = session.statement(SqlStatements.SELECT_MESSAGE);
        select.setString(1, messageId.value());
        select.setString(2, conversationId.value());
        select.setString(3, owner.value());
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(Records.message(row, Records.MessageColumns.of(row), conversationId))
                    : Optional.empty();
        }
    }
}
