package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION_SUMMARY;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.EVENT;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.IDEMPOTENCY_KEY;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.JOB;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.MESSAGE;

import dev.pippa.domain.SortOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import dev.pippa.application.port.out.JobSelection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
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

    /** Columns of every message select (read by name: {@link Records#message}). */
    private static final Field<?>[] MESSAGE_COLUMNS = {MESSAGE.ID, MESSAGE.CONVERSATION_ID, MESSAGE.ROLE,
            MESSAGE.CONTENT, MESSAGE.METADATA, MESSAGE.CREATED_AT, MESSAGE.EDITED_AT};

    /** id, conversation_id, role, content, metadata, created_at. */
    static final String INSERT_MESSAGE = render(RENDER.insertInto(MESSAGE)
            .columns(MESSAGE.ID, MESSAGE.CONVERSATION_ID, MESSAGE.ROLE, MESSAGE.CONTENT, MESSAGE.METADATA,
                    MESSAGE.CREATED_AT, MESSAGE.EDITED_AT)
            .values(TEXT, TEXT, TEXT, TEXT, TEXT, NUMBER, NUMBER));

    /** The event's number as the 64-bit integer SQLite keeps (the generated field says Integer). */
    static final Field<Long> EVENT_SEQ = EVENT.SEQ.coerce(Long.class);

    /** type, owner_id, conversation_id, message_id, response_id, delta (the last three may be null), created_at. */
    static final String INSERT_EVENT = render(RENDER.insertInto(EVENT)
            .columns(EVENT.TYPE, EVENT.OWNER_ID, EVENT.CONVERSATION_ID, EVENT.MESSAGE_ID, EVENT.RESPONSE_ID,
                    EVENT.DELTA, EVENT.CREATED_AT)
            .values(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, NUMBER));

    /** seq, limit: every owner's events after seq, in order. */
    static final String EVENTS_AFTER = renderEventsAfter(EVENT_SEQ.gt(NUMBER));

    /** owner_id, seq, limit. */
    static final String OWNER_EVENTS_AFTER = renderEventsAfter(EVENT.OWNER_ID.eq(TEXT).and(EVENT_SEQ.gt(NUMBER)));

    /** conversation_id, owner_id, seq, limit. */
    static final String CONVERSATION_EVENTS_AFTER = renderEventsAfter(EVENT.CONVERSATION_ID.eq(TEXT)
            .and(EVENT.OWNER_ID.eq(TEXT)).and(EVENT_SEQ.gt(NUMBER)));

    /** id, kind, owner_id, conversation_id, message_id (may be null), run_after, created_at. */
    static final String INSERT_JOB = render(RENDER.insertInto(JOB)
            .columns(JOB.ID, JOB.KIND, JOB.OWNER_ID, JOB.CONVERSATION_ID, JOB.MESSAGE_ID, JOB.RUN_AFTER,
                    JOB.CREATED_AT)
            .values(TEXT, TEXT, TEXT, TEXT, TEXT, NUMBER, NUMBER));

    /**
     * run_after, leased_until: pending jobs due now (not waiting for a retry, not leased by a live worker),
     * oldest first. Both parameters are the current time.
     */
    private static final Condition JOB_DUE = JOB.STATUS.eq(DSL.inline(SqliteJobStore.PENDING))
            .and(JOB.RUN_AFTER.le(NUMBER))
            .and(JOB.LEASED_UNTIL.isNull().or(JOB.LEASED_UNTIL.le(NUMBER)));

    private static final Map<JobSelection, String> ANY_JOB_DUE = new ConcurrentHashMap<>();
    private static final Map<JobSelection, String> LEASE_JOBS = new ConcurrentHashMap<>();

    /** now, now: is any job of this selection due? */
    static String anyJobDue(JobSelection which) {
        return ANY_JOB_DUE.computeIfAbsent(which, selection -> render(RENDER.select(DSL.field(DSL.exists(
                DSL.selectOne().from(JOB).where(JOB_DUE, kindsOf(selection)))))));
    }

    /**
     * leased_until, now, now, limit: leases the oldest due jobs of this selection in one statement; returns
     * them, in no particular order, with the columns {@link SqliteJobStore} reads and their attempts already
     * counted.
     */
    static String leaseJobs(JobSelection which) {
        return LEASE_JOBS.computeIfAbsent(which, selection -> render(RENDER.update(JOB)
                .set(JOB.LEASED_UNTIL, NUMBER)
                .set(JOB.ATTEMPTS, JOB.ATTEMPTS.plus(DSL.inline(1L)))
                .where(JOB.ID.in(DSL.select(JOB.ID).from(JOB).where(JOB_DUE, kindsOf(selection))
                        .orderBy(JOB.RUN_AFTER, JOB.ID).limit(NUMBER)))
                .returning(JOB.ID, JOB.KIND, JOB.OWNER_ID, JOB.CONVERSATION_ID, JOB.MESSAGE_ID, JOB.ATTEMPTS,
                        JOB.CREATED_AT, JOB.RUN_AFTER)));
    }

    private static Condition kindsOf(JobSelection which) {
        if (which.kind() == null) {
            return DSL.noCondition();
        }
        return which.only() ? JOB.KIND.eq(DSL.inline(which.kind())) : JOB.KIND.ne(DSL.inline(which.kind()));
    }

    /** id. */
    static final String DELETE_JOB = render(RENDER.deleteFrom(JOB).where(JOB.ID.eq(TEXT)));

    /** conversation_id, owner_id: summary, covers_through_message_id, message_count_covered, updated_at. */
    static final String SELECT_SUMMARY = render(RENDER.select(CONVERSATION_SUMMARY.SUMMARY,
                    CONVERSATION_SUMMARY.COVERS_THROUGH_MESSAGE_ID, CONVERSATION_SUMMARY.MESSAGE_COUNT_COVERED,
                    CONVERSATION_SUMMARY.UPDATED_AT)
            .from(CONVERSATION_SUMMARY)
            .join(CONVERSATION).on(CONVERSATION.ID.eq(CONVERSATION_SUMMARY.CONVERSATION_ID))
            .where(CONVERSATION_SUMMARY.CONVERSATION_ID.eq(TEXT), CONVERSATION.OWNER_ID.eq(TEXT)));

    /**
     * conversation_id, summary, covers_through_message_id, message_count_covered, updated_at, then
     * conversation_id, owner_id: saves the summary if the owner's conversation exists, unless the stored
     * one covers at least as many messages.
     */
    static final String SAVE_SUMMARY = render(RENDER.insertInto(CONVERSATION_SUMMARY)
            .columns(CONVERSATION_SUMMARY.CONVERSATION_ID, CONVERSATION_SUMMARY.SUMMARY,
                    CONVERSATION_SUMMARY.COVERS_THROUGH_MESSAGE_ID, CONVERSATION_SUMMARY.MESSAGE_COUNT_COVERED,
                    CONVERSATION_SUMMARY.UPDATED_AT)
            .select(DSL.select(TEXT, TEXT, TEXT, NUMBER, NUMBER).whereExists(DSL.selectOne().from(CONVERSATION)
                    .where(CONVERSATION.ID.eq(TEXT), CONVERSATION.OWNER_ID.eq(TEXT))))
            .onConflict(CONVERSATION_SUMMARY.CONVERSATION_ID).doUpdate()
            .set(CONVERSATION_SUMMARY.SUMMARY, DSL.excluded(CONVERSATION_SUMMARY.SUMMARY))
            .set(CONVERSATION_SUMMARY.COVERS_THROUGH_MESSAGE_ID, DSL.excluded(CONVERSATION_SUMMARY.COVERS_THROUGH_MESSAGE_ID))
            .set(CONVERSATION_SUMMARY.MESSAGE_COUNT_COVERED, DSL.excluded(CONVERSATION_SUMMARY.MESSAGE_COUNT_COVERED))
            .set(CONVERSATION_SUMMARY.UPDATED_AT, DSL.excluded(CONVERSATION_SUMMARY.UPDATED_AT))
            .where(CONVERSATION_SUMMARY.MESSAGE_COUNT_COVERED.lt(DSL.excluded(CONVERSATION_SUMMARY.MESSAGE_COUNT_COVERED))));

    /** The parameters of {@link #INSERT_CONVERSATION}, in order: every column, in table order. */
    static final List<Field<?>> INSERT_CONVERSATION_PARAMETERS = List.of(CONVERSATION.fields());

    /** The parameters of {@link #UPDATE_CONVERSATION}, in order: every column but id, in table order, then id. */
    static final List<Field<?>> UPDATE_CONVERSATION_PARAMETERS = Stream.concat(
            Arrays.stream(CONVERSATION.fields()).filter(column -> !column.equals(CONVERSATION.ID)),
            Stream.of(CONVERSATION.ID)).toList();

    static final String INSERT_CONVERSATION = render(RENDER.insertInto(CONVERSATION)
            .columns(INSERT_CONVERSATION_PARAMETERS)
            .values(INSERT_CONVERSATION_PARAMETERS.stream().map(SqlStatements::parameterFor).toList()));

    static final String UPDATE_CONVERSATION = render(RENDER.update(CONVERSATION)
            .set(setAllButId())
            .where(CONVERSATION.ID.eq(TEXT)));

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

    private static String renderEventsAfter(Condition where) {
        return render(RENDER.select(EVENT.SEQ, EVENT.TYPE, EVENT.OWNER_ID, EVENT.CONVERSATION_ID, EVENT.MESSAGE_ID,
                        EVENT.RESPONSE_ID, EVENT.DELTA)
                .from(EVENT).where(where).orderBy(EVENT.SEQ).limit(NUMBER));
    }

    /** Each column of conversation but id, in table order, set to a parameter. */
    private static Map<Field<?>, Field<?>> setAllButId() {
        Map<Field<?>, Field<?>> columns = new LinkedHashMap<>();
        for (Field<?> column : UPDATE_CONVERSATION_PARAMETERS.subList(0, UPDATE_CONVERSATION_PARAMETERS.size() - 1)) {
            columns.put(column, parameterFor(column));
        }
        return columns;
    }

    private static Field<?> parameterFor(Field<?> column) {
        return DSL.param(column.getName(), column.getType());
    }

    private static String render(Query query) {
        return RENDER.render(query);
    }
}
