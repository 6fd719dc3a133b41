package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Conversations;
import static dev.pippa.adapter.out.postgres.Tables.Events;
import static dev.pippa.adapter.out.postgres.Tables.Jobs;
import static dev.pippa.adapter.out.postgres.Tables.Messages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The statements on the request path, written with jOOQ and rendered to SQL once, with {@code ?}
 * placeholders, then run as plain prepared statements (the driver keeps them prepared on the server per
 * connection). Building and rendering a jOOQ query per request cost a quarter of the CPU of a message post
 * (docs/performance.md). The comment on each lists its parameters in order.
 */
final class Statements {

    private static final DSLContext RENDER = DSL.using(SQLDialect.POSTGRES);
    private static final Field<String> TEXT = DSL.param("text", String.class);
    private static final Field<Long> NUMBER = DSL.param("number", Long.class);

    /** id, owner_id: every column {@link Rows#conversation} reads. */
    static final String SELECT_CONVERSATION = render(RENDER.select(PostgresConversationStore.CONVERSATION_COLUMNS)
            .from(Conversations.TABLE)
            .where(Conversations.ID.eq(TEXT), Conversations.OWNER_ID.eq(TEXT)));

    /**
     * conversation id: the conversation's advisory lock, held to the end of the transaction. Every writer of
     * a conversation (its messages, edits, deletion, summary) takes it first, before its transaction has an
     * id, so their transaction ids grow in the order they commit: the order of their events
     * ({@link PostgresEventStore}).
     */
    static final String LOCK_CONVERSATION = "select pg_advisory_xact_lock(1, hashtext(?))";

    /**
     * conversation id, then id, owner_id: the conversation's lock, then its row, locked for the rest of the
     * transaction; one round trip.
     */
    static final String SELECT_CONVERSATION_FOR_UPDATE = LOCK_CONVERSATION + ";\n" + SELECT_CONVERSATION + " for update";

    /** id, then {@link Rows#conversationValues}' columns in order. */
    static final String INSERT_CONVERSATION = render(RENDER.insertInto(Conversations.TABLE)
            .set(Conversations.ID, TEXT)
            .set(parameters(Rows.CONVERSATION_VALUE_COLUMNS)));

    /** {@link Rows#conversationValues}' columns in order, then id. */
    static final String UPDATE_CONVERSATION = render(RENDER.update(Conversations.TABLE)
            .set(parameters(Rows.CONVERSATION_VALUE_COLUMNS))
            .where(Conversations.ID.eq(TEXT)));

    /**
     * conversation_id, then id, conversation_id, role, content, metadata, created_at, edited_at. Takes the conversation's
     * next position under its row lock (the UPDATE locks the row even when the caller did not read it first)
     * and stores the message at it, in one statement.
     */
    static final String INSERT_MESSAGE = """
            with next as (update conversation set last_position = last_position + 1 where id = ? \
            returning last_position)
            insert into message (id, conversation_id, position, role, content, metadata, created_at, edited_at)
            select ?, ?, next.last_position, ?, ?, ?, ?, ? from next""";

    /** id, conversation_id, owner_id. */
    static final String SELECT_MESSAGE = render(RENDER.select(Rows.MESSAGE_COLUMNS)
            .from(Messages.TABLE)
            .join(Conversations.TABLE).on(Conversations.ID.eq(Messages.CONVERSATION_ID))
            .where(Messages.ID.eq(TEXT), Messages.CONVERSATION_ID.eq(TEXT), Conversations.OWNER_ID.eq(TEXT)));

    /** ids (a text array), owner_id. */
    static final String SELECT_MESSAGES = render(RENDER.select(Rows.MESSAGE_COLUMNS)
            .from(Messages.TABLE)
            .join(Conversations.TABLE).on(Conversations.ID.eq(Messages.CONVERSATION_ID))
            .where(DSL.condition("{0} = ANY ({1}::text[])", Messages.ID, TEXT), Conversations.OWNER_ID.eq(TEXT)));

    /** id, kind, owner_id, conversation_id, message_id (may be null), run_after, created_at. */
    static final String INSERT_JOB = render(RENDER.insertInto(Jobs.TABLE)
            .columns(Jobs.ID, Jobs.KIND, Jobs.OWNER_ID, Jobs.CONVERSATION_ID, Jobs.MESSAGE_ID, Jobs.RUN_AFTER,
                    Jobs.CREATED_AT)
            .values(TEXT, TEXT, TEXT, TEXT, TEXT, NUMBER, NUMBER));

    /**
     * type, owner_id, conversation_id, message_id, response_id, delta (the last three may be null),
     * created_at; xid and seq are the defaults.
     */
    static final String INSERT_EVENT = render(RENDER.insertInto(Events.TABLE)
            .columns(Events.TYPE, Events.OWNER_ID, Events.CONVERSATION_ID, Events.MESSAGE_ID, Events.RESPONSE_ID,
                    Events.DELTA, Events.CREATED_AT)
            .values(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, NUMBER));

    private static final List<String> MESSAGE_PAGES = List.of(
            renderMessagePage(true, false), renderMessagePage(true, true), renderMessagePage(false, false),
            renderMessagePage(false, true));

    private Statements() {
    }

    /**
     * One page of a conversation's messages by position: conversation_id, owner_id, then (only after a cursor)
     * the cursor's message id and the conversation id again, then the row limit.
     */
    static String messagePage(boolean ascending, boolean afterCursor) {
        return MESSAGE_PAGES.get((ascending ? 0 : 2) + (afterCursor ? 1 : 0));
    }

    private static String renderMessagePage(boolean ascending, boolean afterCursor) {
        Condition where = Messages.CONVERSATION_ID.eq(TEXT).and(Conversations.OWNER_ID.eq(TEXT));
        if (afterCursor) {
            Field<Long> afterPosition = DSL.field(DSL.select(Messages.POSITION).from(Messages.TABLE)
                    .where(Messages.ID.eq(TEXT), Messages.CONVERSATION_ID.eq(TEXT)));
            where = where.and(ascending ? Messages.POSITION.gt(afterPosition) : Messages.POSITION.lt(afterPosition));
        }
        return render(RENDER.select(Rows.MESSAGE_COLUMNS)
                .from(Messages.TABLE)
                .join(Conversations.TABLE).on(Conversations.ID.eq(Messages.CONVERSATION_ID))
                .where(where)
                .orderBy(ascending ? Messages.POSITION.asc() : Messages.POSITION.desc())
                .limit(NUMBER));
    }

    private static Map<Field<?>, Field<?>> parameters(List<Field<?>> columns) {
        Map<Field<?>, Field<?>> values = new LinkedHashMap<>();
        columns.forEach(column -> values.put(column, DSL.param(column.getName(), column.getType())));
        return values;
    }

    private static String render(Query query) {
        return RENDER.render(query);
    }
}
