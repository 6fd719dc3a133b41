package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.IDEMPOTENCY_KEY;

import dev.pippa.domain.IdempotencyKey;
import dev.pippa.domain.Idempotent;
import dev.pippa.domain.OwnerId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The idempotency keys of conversation and message writes, in the writer's transaction: what the first
 * request with a key created, and a purge of keys past their retention. Used by the writer thread only.
 */
final class SqliteIdempotencyKeys {

    private static final long KEY_PURGE_INTERVAL_MILLIS = 60_000;

    private long nextKeyPurgeMillis;

    /** What the owner's first request with this key created, if still kept. */
    static Optional<Idempotent.Remembered> remembered(Session session, OwnerId owner, IdempotencyKey key)
            throws SQLException {
        PreparedStatement select = session.statement(SqlStatements.SELECT_IDEMPOTENCY_KEY);
        select.setString(1, owner.value());
        select.setString(2, key.value());
        try (ResultSet row = select.executeQuery()) {
            return row.next()
                    ? Optional.of(new Idempotent.Remembered(row.getString(IDEMPOTENCY_KEY.FINGERPRINT.getName()),
                            row.getString(IDEMPOTENCY_KEY.RESOURCE_ID.getName()),
                            Instant.ofEpochMilli(row.getLong(IDEMPOTENCY_KEY.CREATED_AT.getName()))))
                    : Optional.empty();
        }
    }

    /** Remembers what the request created (replacing an expired use of the same key), purging old keys now and then. */
    void remember(Session session, OwnerId owner, Idempotent request, String resourceId, Instant now) {
        purgeExpiredKeys(session.dsl(), now);
        session.dsl().insertInto(IDEMPOTENCY_KEY)
                .set(IDEMPOTENCY_KEY.OWNER_ID, owner.value())
                .set(IDEMPOTENCY_KEY.KEY, request.key().value())
                .set(IDEMPOTENCY_KEY.FINGERPRINT, request.fingerprint())
                .set(IDEMPOTENCY_KEY.RESOURCE_ID, resourceId)
                .set(IDEMPOTENCY_KEY.CREATED_AT, now.toEpochMilli())
                .onConflict(IDEMPOTENCY_KEY.OWNER_ID, IDEMPOTENCY_KEY.KEY).doUpdate()
                .set(IDEMPOTENCY_KEY.FINGERPRINT, request.fingerprint())
                .set(IDEMPOTENCY_KEY.RESOURCE_ID, resourceId)
                .set(IDEMPOTENCY_KEY.CREATED_AT, now.toEpochMilli())
                .execute();
    }

    /** At most once a minute, on the writer: expired keys only cost an index range delete. */
    private void purgeExpiredKeys(DSLContext dsl, Instant now) {
        if (now.toEpochMilli() < nextKeyPurgeMillis) {
            return;
        }
        nextKeyPurgeMillis = now.toEpochMilli() + KEY_PURGE_INTERVAL_MILLIS;
        dsl.deleteFrom(IDEMPOTENCY_KEY)
                .where(IDEMPOTENCY_KEY.CREATED_AT.lt(now.minus(IdempotencyKey.RETENTION).toEpochMilli()))
                .execute();
    }
}
