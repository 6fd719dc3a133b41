package dev.pippa.adapter.out.sqlite;

import static dev.pippa.adapter.out.sqlite.jooq.Tables.ACCOUNT_ERASURE;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.STREAM_TICKET;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.TOKEN_REVOCATION;
import static dev.pippa.adapter.out.sqlite.jooq.Tables.USER_ACCOUNT;

import dev.pippa.adapter.out.sqlite.jooq.tables.records.UserAccountRecord;
import dev.pippa.domain.DuplicateException;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import dev.pippa.application.port.out.Revocation;
import dev.pippa.application.port.out.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;

/**
 * {@link UserStore} in the same SQLite file as the conversations, sharing their writer and readers
 * (one writer per file is what keeps SQLite from ever answering "database is locked").
 */
public final class SqliteUserStore implements UserStore {

    private final SqliteDatabase store;
    private final Clock clock;
    private final TimeOrderedIds ids = TimeOrderedIds.shared();

    public SqliteUserStore(SqliteDatabase store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public User createUser(Email email, PasswordHash passwordHash) {
        return store.write(session -> {
            // The writer is the only one inserting, so checking first cannot race.
            if (session.dsl().fetchExists(USER_ACCOUNT, USER_ACCOUNT.EMAIL.eq(email.value()))) {
                throw new DuplicateException("user", "email");
            }
            User user = new User(UserId.next(ids), email, passwordHash, Instant.ofEpochMilli(clock.millis()));
            session.dsl().insertInto(USER_ACCOUNT)
                    .set(USER_ACCOUNT.ID, user.id().value())
                    .set(USER_ACCOUNT.EMAIL, email.value())
                    .set(USER_ACCOUNT.PASSWORD_HASH, passwordHash.value())
                    .set(USER_ACCOUNT.CREATED_AT, user.createdAt().toEpochMilli())
                    .execute();
            return user;
        });
    }

    @Override
    public Optional<User> findUserByEmail(Email email) {
        return selectUser(USER_ACCOUNT.EMAIL.eq(email.value()));
    }

    @Override
    public Optional<User> findUser(UserId id) {
        return selectUser(USER_ACCOUNT.ID.eq(id.value()));
    }

    private Optional<User> selectUser(Condition which) {
        return store.read(session -> session.dsl().selectFrom(USER_ACCOUNT).where(which)
                .fetchOptional(SqliteUserStore::user));
    }

    @Override
    public void deleteUser(UserId id) {
        store.write(session -> {
            session.dsl().deleteFrom(STREAM_TICKET).where(STREAM_TICKET.OWNER_ID.eq(id.value())).execute();
            if (session.dsl().deleteFrom(USER_ACCOUNT).where(USER_ACCOUNT.ID.eq(id.value())).execute() > 0) {
                session.dsl().insertInto(ACCOUNT_ERASURE)
                        .set(ACCOUNT_ERASURE.OWNER_ID, id.owner().value())
                        .set(ACCOUNT_ERASURE.REQUESTED_AT, clock.millis())
                        .onConflictDoNothing()
                        .execute();
            }
            return null;
        });
    }

    @Override
    public List<OwnerId> pendingErasures() {
        return store.read(session -> session.dsl().select(ACCOUNT_ERASURE.OWNER_ID).from(ACCOUNT_ERASURE)
                .orderBy(ACCOUNT_ERASURE.REQUESTED_AT).fetch(row -> new OwnerId(row.value1())));
    }

    @Override
    public void erasureDone(OwnerId owner) {
        store.write(session -> session.dsl().deleteFrom(ACCOUNT_ERASURE)
                .where(ACCOUNT_ERASURE.OWNER_ID.eq(owner.value())).execute());
    }

    @Override
    public Optional<User> changePassword(UserId id, PasswordHash passwordHash, Instant notifyUntil) {
        return store.write(session -> {
            int changed = session.dsl().update(USER_ACCOUNT)
                    .set(USER_ACCOUNT.PASSWORD_HASH, passwordHash.value())
                    .set(USER_ACCOUNT.TOKEN_VERSION, USER_ACCOUNT.TOKEN_VERSION.plus(1))
                    .where(USER_ACCOUNT.ID.eq(id.value()))
                    .execute();
            if (changed == 0) {
                return Optional.<User>empty();
            }
            insertRevocation(session, id, null, notifyUntil);
            return session.dsl().selectFrom(USER_ACCOUNT).where(USER_ACCOUNT.ID.eq(id.value()))
                    .fetchOptional(SqliteUserStore::user);
        });
    }

    @Override
    public void revoke(UserId user, String tokenId, Instant expiresAt) {
        store.write(session -> insertRevocation(session, user, tokenId, expiresAt));
    }

    private int insertRevocation(Session session, UserId user, String tokenId, Instant expiresAt) {
        return session.dsl().insertInto(TOKEN_REVOCATION)
                .set(TOKEN_REVOCATION.USER_ID, user.value())
                .set(TOKEN_REVOCATION.TOKEN_ID, tokenId)
                .set(TOKEN_REVOCATION.RECORDED_AT, clock.millis())
                .set(TOKEN_REVOCATION.EXPIRES_AT, expiresAt.toEpochMilli())
                .execute();
    }

    @Override
    public List<Revocation> revocationsSince(Instant since) {
        return store.read(session -> session.dsl().selectFrom(TOKEN_REVOCATION)
                .where(TOKEN_REVOCATION.RECORDED_AT.ge(since.toEpochMilli()))
                .orderBy(TOKEN_REVOCATION.SEQUENCE)
                .fetch(row -> new Revocation(row.getSequence(), new UserId(row.getUserId()), row.getTokenId(),
                        Instant.ofEpochMilli(row.getRecordedAt()), Instant.ofEpochMilli(row.getExpiresAt()))));
    }

    @Override
    public int forgetRevocations(Instant now) {
        return store.write(session -> session.dsl().deleteFrom(TOKEN_REVOCATION)
                .where(TOKEN_REVOCATION.EXPIRES_AT.lt(now.toEpochMilli())).execute());
    }

    static User user(UserAccountRecord row) {
        return new User(new UserId(row.getId()), new Email(row.getEmail()), new PasswordHash(row.getPasswordHash()),
                Instant.ofEpochMilli(row.getCreatedAt()), row.getTokenVersion());
    }

    @Override
    public void saveTicket(String hash, OwnerId owner, Instant expiresAt) {
        store.write(session -> session.dsl().insertInto(STREAM_TICKET)
                .set(STREAM_TICKET.HASH, hash)
                .set(STREAM_TICKET.OWNER_ID, owner.value())
                .set(STREAM_TICKET.EXPIRES_AT, expiresAt.toEpochMilli())
                .execute());
    }

    @Override
    public Optional<OwnerId> takeTicket(String hash, Instant now) {
        return store.write(session -> {
            session.dsl().deleteFrom(STREAM_TICKET).where(STREAM_TICKET.EXPIRES_AT.lt(now.toEpochMilli())).execute();
            return session.dsl().deleteFrom(STREAM_TICKET).where(STREAM_TICKET.HASH.eq(hash))
                    .returning(STREAM_TICKET.OWNER_ID)
                    .fetchOptional(STREAM_TICKET.OWNER_ID)
                    .map(OwnerId::new);
        });
    }
}
