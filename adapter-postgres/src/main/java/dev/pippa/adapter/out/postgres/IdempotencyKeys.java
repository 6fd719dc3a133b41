package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.IdempotencyKeys.CREATED_AT;
import static dev.pippa.adapter.out.postgres.Tables.IdempotencyKeys.FINGERPRINT;
import static dev.pippa.adapter.out.postgres.Tables.IdempotencyKeys.KEY;
import static dev.pippa.adapter.out.postgres.Tables.IdempotencyKeys.OWNER_ID;
import static dev.pippa.adapter.out.postgres.Tables.IdempotencyKeys.RESOURCE_ID;
import static dev.pippa.adapter.out.postgres.Tables.IdempotencyKeys.TABLE;

import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.OwnerId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The idempotency keys of conversation and message writes. Looking a key up takes a transaction-scoped
 * advisory lock on it first, so two requests with one key, on any nodes, take turns: the second looks only
 * after the first has committed, finds what it created, and replays it.
 */
final class IdempotencyKeys {

    private static final long PURGE_INTERVAL_MILLIS = 60_000;

    private final AtomicLong nextPurgeMillis = new AtomicLong();

    Optional<Idempotent.Remembered> remembered(DSLContext dsl, OwnerId owner, IdempotencyKey key) {
        dsl.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", owner.value() + "\n" + key.value());
        return dsl.select(FINGERPRINT, RESOURCE_ID, CREATED_AT)
                .from(TABLE)
                .where(OWNER_ID.eq(owner.value()), KEY.eq(key.value()))
                .fetchOptional(row -> new Idempotent.Remembered(row.value1(), row.value2(),
                        Instant.ofEpochMilli(row.value3())));
    }

    /** Remembers what the request created (replacing an expired use of the same key), purging old keys now and then. */
    void remember(DSLContext dsl, OwnerId owner, Idempotent request, String resourceId, Instant now) {
        purgeExpiredKeys(dsl, now);
        dsl.insertInto(TABLE)
                .set(OWNER_ID, owner.value())
                .set(KEY, request.key().value())
                .set(FINGERPRINT, request.fingerprint())
                .set(RESOURCE_ID, resourceId)
                .set(CREATED_AT, now.toEpochMilli())
                .onConflict(DSL.field(DSL.name(OWNER_ID.getName())), DSL.field(DSL.name(KEY.getName())))
                .doUpdate()
                .set(FINGERPRINT, request.fingerprint())
                .set(RESOURCE_ID, resourceId)
                .set(CREATED_AT, now.toEpochMilli())
                .execute();
    }

    /** At most once a minute per node: expired keys only cost an index range delete. */
    private void purgeExpiredKeys(DSLContext dsl, Instant now) {
        long due = nextPurgeMillis.get();
        if (now.toEpochMilli() < due || !nextPurgeMillis.compareAndSet(due, now.toEpochMilli() + PURGE_INTERVAL_MILLIS)) {
            return;
        }
        dsl.deleteFrom(TABLE).where(CREATED_AT.lt(now.minus(IdempotencyKey.RETENTION).toEpochMilli())).execute();
    }
}
