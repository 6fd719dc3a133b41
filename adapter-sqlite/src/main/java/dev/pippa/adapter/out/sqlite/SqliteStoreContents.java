package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.CONVERSATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.IDEMPOTENCY_KEY;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.JOB;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.USER_ACCOUNT;

import dev.pippa.application.port.out.StoreContents;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.job.Job;
import dev.pippa.domain.job.JobId;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/** {@link StoreContents} of a SQLite file: every owner's rows in key order, for {@code pippa copy}. */
public final class SqliteStoreContents implements StoreContents {

    private final SqliteDatabase database;

    public SqliteStoreContents(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public boolean isEmpty() {
        return database.read(session -> !session.dsl().fetchExists(USER_ACCOUNT)
                && !session.dsl().fetchExists(CONVERSATION));
    }

    @Override
    public List<User> users(UserId after, int limit) {
        return database.read(session -> session.dsl().selectFrom(USER_ACCOUNT)
                .where(after == null ? DSL.noCondition() : USER_ACCOUNT.ID.gt(after.value()))
                .orderBy(USER_ACCOUNT.ID).limit(limit)
                .fetch(SqliteUserStore::user));
    }

    @Override
    public List<Conversation> conversations(ConversationId after, int limit) {
        return database.read(session -> all(session.dsl().selectFrom(CONVERSATION)
                .where(after == null ? DSL.noCondition() : CONVERSATION.ID.gt(after.value()))
                .orderBy(CONVERSATION.ID).limit(limit), Records::conversation));
    }

    @Override
    public List<StoredKey> idempotencyKeys(StoredKey after, int limit) {
        return database.read(session -> session.dsl().selectFrom(IDEMPOTENCY_KEY)
                .where(after == null ? DSL.noCondition() : DSL.row(IDEMPOTENCY_KEY.OWNER_ID, IDEMPOTENCY_KEY.KEY)
                        .gt(after.owner().value(), after.key().value()))
                .orderBy(IDEMPOTENCY_KEY.OWNER_ID, IDEMPOTENCY_KEY.KEY).limit(limit)
                .fetch(row -> new StoredKey(new OwnerId(row.getOwnerId()), new IdempotencyKey(row.getKey()),
                        new Idempotent.Remembered(row.getFingerprint(), row.getResourceId(),
                                Instant.ofEpochMilli(row.getCreatedAt())))));
    }

    @Override
    public List<Job> pendingJobs(JobId after, int limit) {
        return database.read(session -> all(session.dsl().selectFrom(JOB)
                .where(JOB.STATUS.eq(SqliteJobStore.PENDING))
                .and(after == null ? DSL.noCondition() : JOB.ID.gt(after.value()))
                .orderBy(JOB.ID).limit(limit), SqliteJobStore::job));
    }

    /** A row of a result set as a value. */
    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Every row of the query, mapped by the same readers the stores use. */
    private static <T> List<T> all(ResultQuery<?> query, RowMapper<T> mapper) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (ResultSet row = query.fetchResultSet()) {
            while (row.next()) {
                rows.add(mapper.map(row));
            }
        }
        return rows;
    }

    @Override
    public void insertUsers(List<User> users) {
        database.write(session -> {
            for (User user : users) {
                session.dsl().insertInto(USER_ACCOUNT)
                        .set(USER_ACCOUNT.ID, user.id().value())
                        .set(USER_ACCOUNT.EMAIL, user.email().value())
                        .set(USER_ACCOUNT.PASSWORD_HASH, user.passwordHash().value())
                        .set(USER_ACCOUNT.CREATED_AT, user.createdAt().toEpochMilli())
                        .set(USER_ACCOUNT.TOKEN_VERSION, user.tokenVersion())
                        .execute();
            }
            return null;
        });
    }
}
