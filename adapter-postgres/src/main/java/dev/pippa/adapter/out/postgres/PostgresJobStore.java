package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Jobs;

import dev.pippa.application.port.out.JobSelection;
import dev.pippa.application.port.out.JobStore;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.MessageId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.job.Job;
import dev.pippa.domain.job.JobCounts;
import dev.pippa.domain.job.JobId;
import dev.pippa.domain.job.NewJob;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * {@link JobStore} shared by every node's workers. A lease picks due jobs with {@code FOR UPDATE SKIP
 * LOCKED}: workers leasing at once, on any nodes, each get different jobs without waiting for each other,
 * and a job whose lease ran out (its node died) is due again.
 */
public final class PostgresJobStore implements JobStore {

    static final String PENDING = "pending";
    private static final String FAILED = "failed";
    private static final int MAX_ERROR_LENGTH = 2000;

    private final PostgresDatabase database;
    private final Clock clock;

    public PostgresJobStore(PostgresDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Binds {@link Statements#INSERT_JOB}'s parameters for a job queued at {@code now}; returns the next parameter. */
    static int bind(PreparedStatement insert, int first, NewJob job, Instant now) throws SQLException {
        int parameter = first;
        insert.setString(parameter++, JobId.next(TimeOrderedIds.shared()).value());
        insert.setString(parameter++, job.kind());
        insert.setString(parameter++, job.owner().value());
        insert.setString(parameter++, job.conversationId().value());
        insert.setString(parameter++, job.messageId() == null ? null : job.messageId().value());
        insert.setLong(parameter++, now.toEpochMilli());
        insert.setLong(parameter++, now.toEpochMilli());
        return parameter;
    }

    @Override
    public void enqueueJobs(List<NewJob> jobs) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        database.write(dsl -> {
            Rows.batch(dsl, Statements.INSERT_JOB, jobs, (insert, job) -> bind(insert, 1, job, now));
            return null;
        });
    }

    @Override
    public List<Job> leaseJobs(int max, Duration lease, JobSelection which) {
        long now = clock.millis();
        Condition due = Jobs.STATUS.eq(PENDING).and(Jobs.RUN_AFTER.le(now))
                .and(Jobs.LEASED_UNTIL.isNull().or(Jobs.LEASED_UNTIL.le(now)))
                .and(which.kind() == null ? DSL.noCondition()
                        : which.only() ? Jobs.KIND.eq(which.kind()) : Jobs.KIND.ne(which.kind()));
        List<Record> leased = database.write(dsl -> dsl.update(Jobs.TABLE)
                .set(Jobs.LEASED_UNTIL, now + lease.toMillis())
                .set(Jobs.ATTEMPTS, Jobs.ATTEMPTS.plus(1L))
                .where(Jobs.ID.in(DSL.select(Jobs.ID).from(Jobs.TABLE).where(due)
                        .orderBy(Jobs.RUN_AFTER, Jobs.ID).limit(max).forUpdate().skipLocked()))
                .returning(Jobs.ID, Jobs.KIND, Jobs.OWNER_ID, Jobs.CONVERSATION_ID, Jobs.MESSAGE_ID, Jobs.ATTEMPTS,
                        Jobs.CREATED_AT, Jobs.RUN_AFTER)
                .fetch());
        // RETURNING has no order: give the jobs oldest due first, as they were picked.
        return leased.stream()
                .sorted(Comparator.comparing((Record row) -> row.get(Jobs.RUN_AFTER)).thenComparing(row -> row.get(Jobs.ID)))
                .map(PostgresJobStore::job)
                .toList();
    }

    static Job job(Record row) {
        String messageId = row.get(Jobs.MESSAGE_ID);
        NewJob work = new NewJob(row.get(Jobs.KIND), new OwnerId(row.get(Jobs.OWNER_ID)),
                new ConversationId(row.get(Jobs.CONVERSATION_ID)), messageId == null ? null : new MessageId(messageId));
        return new Job(new JobId(row.get(Jobs.ID)), work, row.get(Jobs.ATTEMPTS).intValue(),
                Instant.ofEpochMilli(row.get(Jobs.CREATED_AT)));
    }

    @Override
    public void renewLeases(List<JobId> ids, Duration lease) {
        if (!ids.isEmpty()) {
            database.write(dsl -> dsl.update(Jobs.TABLE)
                    .set(Jobs.LEASED_UNTIL, clock.millis() + lease.toMillis())
                    .where(Jobs.ID.in(ids.stream().map(JobId::value).toList()), Jobs.STATUS.eq(PENDING))
                    .execute());
        }
    }

    @Override
    public void completeJobs(List<JobId> ids) {
        if (!ids.isEmpty()) {
            database.write(dsl -> dsl.deleteFrom(Jobs.TABLE)
                    .where(Jobs.ID.in(ids.stream().map(JobId::value).toList()))
                    .execute());
        }
    }

    @Override
    public void retryJob(JobId id, Instant runAfter, String error) {
        release(id, Jobs.RUN_AFTER, runAfter.toEpochMilli(), error);
    }

    @Override
    public void failJob(JobId id, String error) {
        release(id, Jobs.STATUS, FAILED, error);
    }

    /** Ends the job's lease, keeping its error and setting one more column (when it may run again, or that it never will). */
    private <T> void release(JobId id, Field<T> column, T value, String error) {
        database.write(dsl -> dsl.update(Jobs.TABLE)
                .set(column, value)
                .setNull(Jobs.LEASED_UNTIL)
                .set(Jobs.LAST_ERROR, clip(error))
                .where(Jobs.ID.eq(id.value()))
                .execute());
    }

    @Override
    public JobCounts countJobs() {
        long now = clock.millis();
        return database.read(dsl -> {
            var running = DSL.count().filterWhere(Jobs.STATUS.eq(PENDING).and(Jobs.LEASED_UNTIL.gt(now)));
            var pending = DSL.count().filterWhere(Jobs.STATUS.eq(PENDING)
                    .and(Jobs.LEASED_UNTIL.isNull().or(Jobs.LEASED_UNTIL.le(now))));
            var failed = DSL.count().filterWhere(Jobs.STATUS.eq(FAILED));
            var row = dsl.select(pending, running, failed).from(Jobs.TABLE).fetchOne();
            return new JobCounts(row.value1(), row.value2(), row.value3());
        });
    }

    private static String clip(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
