package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.IDEMPOTENCY_KEY;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.JOB;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.MESSAGE;

import dev.pippa.domain.SortOrder;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The statements on the hot paths, written with jOOQ and rendered to SQL once, with {@code ?} placeholders,
 * so each connection prepares them once and the request path never renders SQL. The comment on each
 * lists its parameters in order.
 */
final class SqlStatements {

    private static final DSLContext RENDER = DSL.using(SQLDialect.SQLITE);
    private static final Field<String> TEXT = DSL.param("text", String.class);
    private static final Field<Long> NUMBER = DSL.param("number", Long.class);

    /** Columns of every message select, in the order {@link Records#message} reads them. */
    private static final Field<?>[] MESSAGE_COLUMNS = {MESSAGE.ID, MESSAGE.CONVERSATION_ID, MESSAGE.ROLE,
            MESSAGE.CONTENT, MESSAGE.METADATA, MESSAGE.CREATED_AT};

    /** id, conversation_id, role, content, metadata, created_at. */
    static final String INSERT_MESSAGE = render(RENDER.insertInto(MESSAGE)
            .columns(MESSAGE.ID, MESSAGE.CONVERSATION_ID, MESSAGE.ROLE, MESSAGE.CONTENT, MESSAGE.METADATA,
                    MESSAGE.CREATED_AT)
            .values(TEXT, TEXT, TEXT, TEXT, TEXT, NUMBER));

    /** id, kind, owner_id, conversation_id, message_id (may be null), run_after, created_at. */
    static final String INSERT_JOB = render(RENDER.insertInto(JOB)
            .columns(JOB.ID, JOB.KIND, JOB.OWNER_ID, JOB.CONVERSATION_ID, JOB.MESSAGE_ID, JOB.RUN_AFTER,
                    JOB.CREATED_AT)
            .values(TEXT, TEXT, TEXT, TEXT, TEXT, NUMBER, NUMBER));

    /**
     * updated_at, id, owner_id: one more message, newer activity, next version; returns the new message
     * count (no row: no such conversation for this owner).
     */
    static final String TOUCH_CONVERSATION = render(RENDER.update(CONVERSATION)
            .set(CONVERSATION.MESSAGE_COUNT, CONVERSATION.MESSAGE_COUNT.plus(DSL.inline(1L)))
            .set(CONVERSATION.UPDATED_AT, NUMBER)
            .set(CONVERSATION.VERSION, CONVERSATION.VERSION.plus(DSL.inline(1L)))
            .where(CONVERSATION.ID.eq(TEXT), CONVERSATION.OWNER_ID.eq(TEXT))
            .returning(CONVERSATION.MESSAGE_COUNT));

    /** id, conversation_id, owner_id. */
    static final String SELECT_MESSAGE = render(RENDER.select(MESSAGE_COLUMNS)
            .from(MESSAGE)
            .join(CONVERSATION).on(CONVERSATION.ID.eq(MESSAGE.CONVERSATION_ID))
            .where(MESSAGE.ID.eq(TEXT), MESSAGE.CONVERSATION_ID.eq(TEXT), CONVERSATION.OWNER_ID.eq(TEXT)));

    /** id, owner_id. */
    static final String SELECT_CONVERSATION = render(RENDER.selectFrom(CONVERSATION)
            .where(CONVERSATION.ID.eq(TEXT), CONVERSATION.OWNER_ID.eq(TEXT)));

    /** owner_id, key. */
    static final String SELECT_IDEMPOTENCY_KEY = render(RENDER.select(IDEMPOTENCY_KEY.FINGERPRINT,
                    IDEMPOTENCY_KEY.RESOURCE_ID, IDEMPOTENCY_KEY.CREATED_AT)
            .from(IDEMPOTENCY_KEY)
            .where(IDEMPOTENCY_KEY.OWNER_ID.eq(TEXT), IDEMPOTENCY_KEY.KEY.eq(TEXT)));

    private static final String[] MESSAGE_PAGES = {
            renderMessagePage(true, false), renderMessagePage(true, true),
            renderMessagePage(false, false), renderMessagePage(false, true)};

    private SqlStatements() {
    }

    /**
     * One keyset page of a conversation's messages, an index range scan. Parameters: conversation_id,
     * owner_id, then the last id seen (only {@code afterCursor}), then the row limit.
     */
    static String messagePage(SortOrder order, boolean afterCursor) {
        return MESSAGE_PAGES[(order == SortOrder.ASC ? 0 : 2) + (afterCursor ? 1 : 0)];
    }

    private static String renderMessagePage(boolean ascending, boolean afterCursor) {
        var where = MESSAGE.CONVERSATION_ID.eq(TEXT).and(CONVERSATION.OWNER_ID.eq(TEXT));
        if (afterCursor) {
            where = where.and(ascending ? MESSAGE.ID.gt(TEXT) : MESSAGE.ID.lt(TEXT));
        }
        return render(RENDER.select(MESSAGE_COLUMNS)
                .from(MESSAGE)
                .join(CONVERSATION).on(CONVERSATION.ID.eq(MESSAGE.CONVERSATION_ID))
                .where(where)
                .orderBy(ascending ? MESSAGE.ID.asc() : MESSAGE.ID.desc())
                .limit(NUMBER));
    }

    private static String render(Query query) {
        return RENDER.render(query);
    }
}
