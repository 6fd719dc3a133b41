package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Conversations;
import static dev.pippa.adapter.out.postgres.Tables.IdempotencyKeys;
import static dev.pippa.adapter.out.postgres.Tables.Jobs;
import static dev.pippa.adapter.out.postgres.Tables.Users;

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
import java.time.Instant;
import java.util.List;
import org.jooq.impl.DSL;

/** {@link StoreContents} of a PostgreSQL database: every owner's rows in key order, for {@code pippa copy}. */
public final class PostgresStoreContents implements StoreContents {

    private final PostgresDatabase database;

    public PostgresStoreContents(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public boolean isEmpty() {
        return database.read(dsl -> !dsl.fetchExists(Users.TABLE) && !dsl.fetchExists(Conversations.TABLE));
    }

    @Override
    public List<User> users(UserId after, int limit) {
        return database.read(dsl -> dsl.select(PostgresUserStore.USER_COLUMNS)
                .from(Users.TABLE)
                .where(after == null ? DSL.noCondition() : Users.ID.gt(after.value()))
                .orderBy(Users.ID).limit(limit)
                .fetch(PostgresUserStore::user));
    }

    @Override
    public List<Conversation> conversations(ConversationId after, int limit) {
        return database.read(dsl -> Rows.fetch(dsl.select(PostgresConversationStore.CONVERSATION_COLUMNS)
                .from(Conversations.TABLE)
                .where(after == null ? DSL.noCondition() : Conversations.ID.gt(after.value()))
                .orderBy(Conversations.ID).limit(limit), Rows::conversation));
    }

    @Override
    public List<StoredKey> idempotencyKeys(StoredKey after, int limit) {
        return database.read(dsl -> dsl.select(IdempotencyKeys.OWNER_ID, IdempotencyKeys.KEY,
                        IdempotencyKeys.FINGERPRINT, IdempotencyKeys.RESOURCE_ID, IdempotencyKeys.CREATED_AT)
                .from(IdempotencyKeys.TABLE)
                .where(after == null ? DSL.noCondition() : DSL.row(IdempotencyKeys.OWNER_ID, IdempotencyKeys.KEY)
                        .gt(after.owner().value(), after.key().value()))
                .orderBy(IdempotencyKeys.OWNER_ID, IdempotencyKeys.KEY).limit(limit)
                .fetch(row -> new StoredKey(new OwnerId(row.value1()), new IdempotencyKey(row.value2()),
                        new Idempotent.Remembered(row.value3(), row.value4(), Instant.ofEpochMilli(row.value5())))));
    }

    @Override
    public List<Job> pendingJobs(JobId after, int limit) {
        return database.read(dsl -> dsl.select(Jobs.ID, Jobs.KIND, Jobs.OWNER_ID, Jobs.CONVERSATION_ID,
                        Jobs.MESSAGE_ID, Jobs.ATTEMPTS, Jobs.CREATED_AT)
                .from(Jobs.TABLE)
                .where(Jobs.STATUS.eq(PostgresJobStore.PENDING))
                .and(after == null ? DSL.noCondition() : Jobs.ID.gt(after.value()))
                .orderBy(Jobs.ID).limit(limit)
                .fetch(PostgresJobStore::job));
    }

    @Override
    public void insertUsers(List<User> users) {
        database.write(dsl -> {
            var insert = dsl.insertInto(Users.TABLE, Users.ID, Users.EMAIL, Users.PASSWORD_HASH, Users.CREATED_AT,
                    Users.TOKEN_VERSION);
            for (User user : users) {
                insert = insert.values(user.id().value(), user.email().value(), user.passwordHash().value(),
                        user.createdAt().toEpochMilli(), user.tokenVersion());
            }
            return insert.execute();
        });
    }
}
