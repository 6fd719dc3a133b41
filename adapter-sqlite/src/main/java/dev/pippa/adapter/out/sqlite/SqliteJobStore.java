package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.JOB;

import dev.pippa.adapter.out.sqlite.jooq.tables.records.JobRecord;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.Job;
import dev.pippa.domain.JobCounts;
import dev.pippa.domain.JobId;
import dev.pippa.domain.JobStore;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.NewJob;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.TimeOrderedIds;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link JobStore} in the conversations' file; jobs are inserted by the store's message writes (outbox). */
final class SqliteJobStore implements JobStore {

    static final String PENDING = "pending";
    static final String FAILED = "failed";
    private static final int MAX_ERROR_LENGTH = 2000;

    private final SqliteConversationStore store;
    private final Clock clock;
    private final TimeOrderedIds ids = TimeOrderedIds.shared();

    SqliteJobStore(SqliteConversationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Inserts jobs inside the caller's write (the message's transaction). */
    static void insert(Session session, TimeOrderedIds ids, List<NewJob> jobs, Instant now) throws SQLException {
        PreparedStatement insert = session.statement(SqlStatements.INSERT_JOB);
        for (NewJob job : jobs) {
            insert.setString(1, JobId.next(ids).value());
            insert.setString(2, job.kind());
            insert.setString(3, job.owner().value());
            insert.setString(4, job.conversationId().value());
            insert.setString(5, job.messageId() == null ? null : job.messageId().value());
            insert.setLong(6, now.toEpochMilli());
            insert.setLong(7, now.toEpochMilli());
            insert.executeUpdate();
        }
    }

    @Override
    public void enqueueJobs(List<NewJob> jobs) {
        store.write(session -> {
            insert(session, ids, jobs, Instant.ofEpochMilli(clock.millis()));
            return null;
        });
    }

    /** A look on a reader first: idle workers polling never queue work for the writer. */
    @Override
    public List<Job> leaseJobs(int max, Duration lease) {
        if (!store.read(session -> session.dsl().fetchExists(JOB, due(clock.millis())))) {
            return List.of();
        }
        return store.write(session -> {
            long now = clock.millis();
            List<JobRecord> due = session.dsl().selectFrom(JOB)
                    .where(due(now))
                    .orderBy(JOB.RUN_AFTER, JOB.ID)
                    .limit(max)
                    .fetch();
            if (due.isEmpty()) {
                return List.of();
            }
            session.dsl().update(JOB)
                    .set(JOB.LEASED_UNTIL, now + lease.toMillis())
                    .set(JOB.ATTEMPTS, JOB.ATTEMPTS.plus(DSL.inline(1L)))
                    .where(JOB.ID.in(due.stream().map(JobRecord::getId).toList()))
                    .execute();
            return due.stream().map(SqliteJobStore::leased).toList();
        });
    }

    private static Condition due(long now) {
        return JOB.STATUS.eq(PENDING).and(JOB.RUN_AFTER.le(now))
                .and(JOB.LEASED_UNTIL.isNull().or(JOB.LEASED_UNTIL.le(now)));
    }

    private static Job leased(JobRecord row) {
        NewJob work = new NewJob(row.getKind(), new OwnerId(row.getOwnerId()), new ConversationId(row.getConversationId()),
                row.getMessageId() == null ? null : new MessageId(row.getMessageId()));
        return new Job(new JobId(row.getId()), work, (int) (row.getAttempts() + 1), Instant.ofEpochMilli(row.getCreatedAt()));
    }

    @Override
    public void completeJobs(List<JobId> ids) {
        if (!ids.isEmpty()) {
            store.write(session -> session.dsl().deleteFrom(JOB)
                    .where(JOB.ID.in(ids.stream().map(JobId::value).toList())).execute());
        }
    }

    @Override
    public void retryJob(JobId id, Instant runAfter, String error) {
        store.write(session -> session.dsl().update(JOB)
                .set(JOB.RUN_AFTER, runAfter.toEpochMilli())
                .setNull(JOB.LEASED_UNTIL)
                .set(JOB.LAST_ERROR, clip(error))
                .where(JOB.ID.eq(id.value()))
                .execute());
    }

    @Override
    public void failJob(JobId id, String error) {
        store.write(session -> session.dsl().update(JOB)
                .set(JOB.STATUS, FAILED)
                .setNull(JOB.LEASED_UNTIL)
                .set(JOB.LAST_ERROR, clip(error))
                .where(JOB.ID.eq(id.value()))
                .execute());
    }

    @Override
    public JobCounts countJobs() {
        return store.read(session -> {
            long now = clock.millis();
            var running = DSL.count().filterWhere(JOB.STATUS.eq(PENDING).and(JOB.LEASED_UNTIL.gt(now)));
            var pending = DSL.count().filterWhere(JOB.STATUS.eq(PENDING)
                    .and(JOB.LEASED_UNTIL.isNull().or(JOB.LEASED_UNTIL.le(now))));
            var failed = DSL.count().filterWhere(JOB.STATUS.eq(FAILED));
            var row = session.dsl().select(pending, running, failed).from(JOB).fetchOne();
            return new JobCounts(row.value1(), row.value2(), row.value3());
        });
    }

    private static String clip(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
