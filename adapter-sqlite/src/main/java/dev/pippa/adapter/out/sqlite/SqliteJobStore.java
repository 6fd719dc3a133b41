package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.JOB;

import dev.pippa.domain.ConversationId;
import dev.pippa.domain.job.Job;
import dev.pippa.domain.job.JobCounts;
import dev.pippa.domain.job.JobId;
import dev.pippa.application.port.out.JobSelection;
import dev.pippa.application.port.out.JobStore;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.job.NewJob;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.TimeOrderedIds;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jooq.impl.DSL;

/** {@link JobStore} in the conversations' file; jobs are inserted by the store's message writes (outbox). */
public final class SqliteJobStore implements JobStore {

    static final String PENDING = "pending";
    static final String FAILED = "failed";
    private static final int MAX_ERROR_LENGTH = 2000;

    private final SqliteDatabase store;
    private final Clock clock;
    private final TimeOrderedIds ids = TimeOrderedIds.shared();

    public SqliteJobStore(SqliteDatabase store, Clock clock) {
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

    /** Removes a conversation's jobs, pending or failed, inside the caller's write (before it goes). */
    static void forgetConversation(Session session, ConversationId conversationId) {
        session.dsl().deleteFrom(JOB).where(JOB.CONVERSATION_ID.eq(conversationId.value())).execute();
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
    public List<Job> leaseJobs(int max, Duration lease, JobSelection which) {
        long now = clock.millis();
        boolean anyDue = store.read(session -> {
            PreparedStatement select = session.statement(SqlStatements.anyJobDue(which));
            select.setLong(1, now);
            select.setLong(2, now);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        });
        if (!anyDue) {
            return List.of();
        }
        List<Leased> leased = store.write(session -> {
            long leaseStart = clock.millis();
            PreparedStatement update = session.statement(SqlStatements.leaseJobs(which));
            update.setLong(1, leaseStart + lease.toMillis());
            update.setLong(2, leaseStart);
            update.setLong(3, leaseStart);
            update.setInt(4, max);
            List<Leased> rows = new ArrayList<>();
            try (ResultSet row = update.executeQuery()) {
                while (row.next()) {
                    rows.add(Leased.from(row));
                }
            }
            return rows;
        });
        // RETURNING has no order: give the jobs oldest due first, as they were picked.
        return leased.stream().sorted(Comparator.comparingLong(Leased::runAfter)
                .thenComparing(row -> row.job().id().value())).map(Leased::job).toList();
    }

    /** A row returned by {@link SqlStatements#leaseJobs}; the job's attempts already count this one. */
    private record Leased(long runAfter, Job job) {

        static Leased from(ResultSet row) throws SQLException {
            return new Leased(row.getLong(JOB.RUN_AFTER.getName()), SqliteJobStore.job(row));
        }
    }

    /** A row holding the job columns (by name), its attempts as stored. */
    static Job job(ResultSet row) throws SQLException {
        String messageId = row.getString(JOB.MESSAGE_ID.getName());
        NewJob work = new NewJob(row.getString(JOB.KIND.getName()), new OwnerId(row.getString(JOB.OWNER_ID.getName())),
                new ConversationId(row.getString(JOB.CONVERSATION_ID.getName())),
                messageId == null ? null : new MessageId(messageId));
        return new Job(new JobId(row.getString(JOB.ID.getName())), work, row.getInt(JOB.ATTEMPTS.getName()),
                Instant.ofEpochMilli(row.getLong(JOB.CREATED_AT.getName())));
    }

    @Override
    public void renewLeases(List<JobId> ids, Duration lease) {
        if (!ids.isEmpty()) {
            store.write(session -> session.dsl().update(JOB)
                    .set(JOB.LEASED_UNTIL, clock.millis() + lease.toMillis())
                    .where(JOB.ID.in(ids.stream().map(JobId::value).toList()), JOB.STATUS.eq(PENDING))
                    .execute());
        }
    }

    @Override
    public void completeJobs(List<JobId> ids) {
        if (!ids.isEmpty()) {
            store.write(session -> {
                PreparedStatement delete = session.statement(SqlStatements.DELETE_JOB);
                for (JobId id : ids) {
                    delete.setString(1, id.value());
                    delete.executeUpdate();
                }
                return null;
            });
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
