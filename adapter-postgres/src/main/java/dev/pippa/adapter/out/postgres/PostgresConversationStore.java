package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Conversations;

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
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * {@link ConversationStore} on a {@link PostgresDatabase}. Messages are paged by their position in the
 * conversation, which grows in commit order (see {@link Statements#INSERT_MESSAGE}); the cursor still names a
 * message id, which is looked up to its position.
 */
public final class PostgresConversationStore implements ConversationStore {

    static final List<Field<?>> CONVERSATION_COLUMNS = List.of(Conversations.ID, Conversations.OWNER_ID,
            Conversations.TITLE, Conversations.METADATA, Conversations.MESSAGE_COUNT, Conversations.CREATED_AT,
            Conversations.UPDATED_AT, Conversations.VERSION, Conversations.FORKED_FROM_CONVERSATION_ID,
            Conversations.FORKED_FROM_MESSAGE_ID, Conversations.ARCHIVED, Conversations.PINNED);

    private final PostgresDatabase database;
    private final IdempotencyKeys keys = new IdempotencyKeys();

    public PostgresConversationStore(PostgresDatabase database) {
        this.database = database;
    }

    /**
     * Initialises jOOQ and renders the request path's statements now instead of on the first request (about
     * half a second on a cold JVM). Meant to run in the background after start; changes nothing.
     */
    public void warmUp() {
        Statements.messagePage(true, false);
    }

    @Override
    public Optional<Conversation> findConversation(OwnerId owner, ConversationId id) {
        return database.read(dsl -> selectConversation(dsl, owner, id, false));
    }

    @Override
    public List<Conversation> listConversations(OwnerId owner, ConversationFilter filter, PageCursor after,
                                                SortOrder order, int limit) {
        return database.read(dsl -> Rows.fetch(conversationPage(dsl, owner, filter, after, order, limit),
                Rows::conversation));
    }

    /**
     * One keyset page of an owner's conversations, by list key then id: a range scan of conversation_list
     * (one archive state) or conversation_list_all (both). The title and metadata filters only drop rows of
     * that walk, so a filtered page reads the owner's rows in order until it has {@code limit} matches.
     */
    static ResultQuery<Record> conversationPage(DSLContext dsl, OwnerId owner, ConversationFilter filter,
                                                PageCursor after, SortOrder order, int limit) {
        boolean ascending = order == SortOrder.ASC;
        Condition where = Conversations.OWNER_ID.eq(owner.value());
        if (filter.archived() != ConversationFilter.Archived.ALL) {
            where = where.and(Conversations.ARCHIVED.eq(filter.archived() == ConversationFilter.Archived.ONLY));
        }
        if (after != null) {
            var key = DSL.row(Conversations.LIST_KEY, Conversations.ID);
            var cursor = DSL.row(after.position(), after.lastId());
            where = where.and(ascending ? key.gt(cursor) : key.lt(cursor));
        }
        if (filter.titleContains() != null) {
            where = where.and(DSL.function("strpos", Integer.class, Conversations.TITLE_KEY,
                    DSL.val(NulSafeText.encode(filter.titleContains()))).gt(0));
        }
        for (var pair : filter.metadata().entrySet()) {
            // The value's JSON text, compared as stored: json (not jsonb) keeps it verbatim, escapes and all.
            where = where.and(DSL.condition("({0}::json -> {1})::text = {2}", Conversations.METADATA,
                    DSL.val(pair.getKey()), DSL.val(Rows.jsonText(pair.getValue()))));
        }
        return dsl.select(CONVERSATION_COLUMNS)
                .from(Conversations.TABLE)
                .where(where)
                .orderBy(ascending ? Conversations.LIST_KEY.asc() : Conversations.LIST_KEY.desc(),
                        ascending ? Conversations.ID.asc() : Conversations.ID.desc())
                .limit(limit);
    }

    @Override
    public List<Conversation> inactiveSince(Instant cutoff, int limit) {
        return database.read(dsl -> Rows.fetch(dsl.select(CONVERSATION_COLUMNS)
                .from(Conversations.TABLE)
                .where(Conversations.UPDATED_AT.lt(cutoff.toEpochMilli()), Conversations.PINNED.isFalse())
                .orderBy(Conversations.UPDATED_AT, Conversations.ID)
                .limit(limit), Rows::conversation));
    }

    @Override
    public Optional<Message> findMessage(OwnerId owner, ConversationId conversationId, MessageId messageId) {
        return database.read(dsl -> selectMessage(dsl, owner, conversationId, messageId));
    }

    @Override
    public List<Message> findMessages(OwnerId owner, List<MessageId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String[] values = ids.stream().map(MessageId::value).toArray(String[]::new);
        return database.read(dsl -> Rows.query(dsl, Statements.SELECT_MESSAGES, select -> {
            select.setArray(1, select.getConnection().createArrayOf("text", values));
            select.setString(2, owner.value());
        }, Rows::message));
    }

    @Override
    public List<Message> listMessages(OwnerId owner, ConversationId conversationId, MessageId after, SortOrder order,
                                      int limit) {
        return database.read(dsl -> messagePage(dsl, owner, conversationId, after, order, limit));
    }

    @Override
    public Activity activity(OwnerId owner, LocalDate since) {
        return database.read(dsl -> {
            var totals = dsl.select(DSL.count(), DSL.sum(Conversations.MESSAGE_COUNT)).from(Conversations.TABLE)
                    .where(Conversations.OWNER_ID.eq(owner.value())).fetchOne();
            Map<LocalDate, Long> perDay = new HashMap<>();
            Rows.query(dsl, "SELECT m.created_at / 86400000 AS day, count(*) FROM message m JOIN conversation c"
                    + " ON c.id = m.conversation_id WHERE c.owner_id = ? AND m.created_at >= ? GROUP BY day", select -> {
                        select.setString(1, owner.value());
                        select.setLong(2, since.toEpochDay() * 86_400_000L);
                    }, row -> perDay.put(LocalDate.ofEpochDay(row.getLong(1)), row.getLong(2)));
            return new Activity(totals.value1(), totals.value2() == null ? 0 : totals.value2().longValue(), perDay);
        });
    }

    @Override
    public Optional<Response> findResponse(OwnerId owner, ResponseId id) {
        return database.read(dsl -> PostgresResponses.select(dsl, owner, id));
    }

    @Override
    public <T> T write(Function<ConversationWrites, T> work) {
        boolean[] recordedEvents = {false};
        T result = database.write(dsl -> {
            PostgresConversationWrites writes = new PostgresConversationWrites(dsl, keys);
            T done = work.apply(writes);
            writes.flush();
            recordedEvents[0] = writes.recordedEvents();
            return done;
        });
        if (recordedEvents[0]) {
            database.signals().committed();
        }
        return result;
    }

    /** {@code lock}: take the row's lock for the rest of the transaction (a write's view of it). */
    static Optional<Conversation> selectConversation(DSLContext dsl, OwnerId owner, ConversationId id, boolean lock) {
        if (lock) {
            return Rows.queryAfterLock(dsl, Statements.SELECT_CONVERSATION_FOR_UPDATE, select -> {
                select.setString(1, id.value());
                select.setString(2, id.value());
                select.setString(3, owner.value());
            }, Rows::conversation).stream().findFirst();
        }
        return Rows.query(dsl, Statements.SELECT_CONVERSATION, select -> {
            select.setString(1, id.value());
            select.setString(2, owner.value());
        }, Rows::conversation).stream().findFirst();
    }

    static Optional<Message> selectMessage(DSLContext dsl, OwnerId owner, ConversationId conversationId,
                                           MessageId messageId) {
        return Rows.query(dsl, Statements.SELECT_MESSAGE, select -> {
            select.setString(1, messageId.value());
            select.setString(2, conversationId.value());
            select.setString(3, owner.value());
        }, Rows::message).stream().findFirst();
    }

    /**
     * Up to {@code limit} of the conversation's messages in {@code order} of position, after the message
     * {@code after} (null: from the start); none when the owner has no such conversation. An index range
     * scan on (conversation_id, position).
     */
    static List<Message> messagePage(DSLContext dsl, OwnerId owner, ConversationId conversationId, MessageId after,
                                     SortOrder order, int limit) {
        return Rows.query(dsl, Statements.messagePage(order == SortOrder.ASC, after != null), select -> {
            int parameter = 1;
            select.setString(parameter++, conversationId.value());
            select.setString(parameter++, owner.value());
            if (after != null) {
                select.setString(parameter++, after.value());
                select.setString(parameter++, conversationId.value());
            }
            select.setLong(parameter, limit);
        }, Rows::message);
    }
}
