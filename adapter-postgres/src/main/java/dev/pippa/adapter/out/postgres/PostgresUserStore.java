package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.Erasures;
import static dev.pippa.adapter.out.postgres.Tables.Revocations;
import static dev.pippa.adapter.out.postgres.Tables.StreamTickets;
import static dev.pippa.adapter.out.postgres.Tables.Users;

import dev.pippa.application.port.out.Revocation;
import dev.pippa.application.port.out.UserStore;
import dev.pippa.domain.DuplicateException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@link UserStore} in the same database; the email's UNIQUE constraint decides races between nodes. */
public final class PostgresUserStore implements UserStore {

    /** Every column a user is read from. */
    static final List<Field<?>> USER_COLUMNS = List.of(Users.ID, Users.EMAIL, Users.PASSWORD_HASH, Users.CREATED_AT,
            Users.TOKEN_VERSION);

    private final PostgresDatabase database;
    private final Clock clock;

    public PostgresUserStore(PostgresDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public User createUser(Email email, PasswordHash passwordHash) {
        User user = new User(UserId.next(TimeOrderedIds.shared()), email, passwordHash,
                Instant.ofEpochMilli(clock.millis()));
        int created = database.write(dsl -> dsl.insertInto(Users.TABLE)
                .set(Users.ID, user.id().value())
                .set(Users.EMAIL, email.value())
                .set(Users.PASSWORD_HASH, passwordHash.value())
                .set(Users.CREATED_AT, user.createdAt().toEpochMilli())
                .onConflict(DSL.field(DSL.name(Users.EMAIL.getName()))).doNothing()
                .execute());
        if (created == 0) {
            throw new DuplicateException("user", "email");
        }
        return user;
    }

    @Override
    public Optional<User> findUserByEmail(Email email) {
        return selectUser(Users.EMAIL.eq(email.value()));
    }

    @Override
    public Optional<User> findUser(UserId id) {
        return selectUser(Users.ID.eq(id.value()));
    }

    private Optional<User> selectUser(Condition which) {
        return database.read(dsl -> dsl.select(USER_COLUMNS)
                .from(Users.TABLE)
                .where(which)
                .fetchOptional(PostgresUserStore::user));
    }

    @Override
    public void deleteUser(UserId id) {
        database.write(dsl -> {
            dsl.deleteFrom(StreamTickets.TABLE).where(StreamTickets.OWNER_ID.eq(id.value())).execute();
            if (dsl.deleteFrom(Users.TABLE).where(Users.ID.eq(id.value())).execute() > 0) {
                dsl.insertInto(Erasures.TABLE)
                        .set(Erasures.OWNER_ID, id.owner().value())
                        .set(Erasures.REQUESTED_AT, clock.millis())
                        .onConflictDoNothing()
                        .execute();
            }
            return null;
        });
    }

    @Override
    public List<OwnerId> pendingErasures() {
        return database.read(dsl -> dsl.select(Erasures.OWNER_ID).from(Erasures.TABLE)
                .orderBy(Erasures.REQUESTED_AT).fetch(row -> new OwnerId(row.value1())));
    }

    @Override
    public void erasureDone(OwnerId owner) {
        database.write(dsl -> dsl.deleteFrom(Erasures.TABLE).where(Erasures.OWNER_ID.eq(owner.value())).execute());
    }

    /** One UPDATE ... RETURNING, with the notice for other nodes in the same transaction. */
    @Override
    public Optional<User> changePassword(UserId id, PasswordHash passwordHash, Instant notifyUntil) {
        return database.write(dsl -> {
            Optional<User> changed = dsl.update(Users.TABLE)
                    .set(Users.PASSWORD_HASH, passwordHash.value())
                    .set(Users.TOKEN_VERSION, Users.TOKEN_VERSION.plus(1))
                    .where(Users.ID.eq(id.value()))
                    .returning(USER_COLUMNS)
                    .fetchOptional(PostgresUserStore::user);
            changed.ifPresent(user -> insertRevocation(dsl, id, null, notifyUntil));
            return changed;
        });
    }

    @Override
    public void revoke(UserId user, String tokenId, Instant expiresAt) {
        database.write(dsl -> insertRevocation(dsl, user, tokenId, expiresAt));
    }

    private int insertRevocation(DSLContext dsl, UserId user, String tokenId, Instant expiresAt) {
        return dsl.insertInto(Revocations.TABLE)
                .set(Revocations.USER_ID, user.value())
                .set(Revocations.TOKEN_ID, tokenId)
                .set(Revocations.RECORDED_AT, clock.millis())
                .set(Revocations.EXPIRES_AT, expiresAt.toEpochMilli())
                .execute();
    }

    @Override
    public List<Revocation> revocationsSince(Instant since) {
        return database.read(dsl -> dsl.select(Revocations.SEQUENCE, Revocations.USER_ID, Revocations.TOKEN_ID,
                        Revocations.RECORDED_AT, Revocations.EXPIRES_AT)
                .from(Revocations.TABLE)
                .where(Revocations.RECORDED_AT.ge(since.toEpochMilli()))
                .orderBy(Revocations.SEQUENCE)
                .fetch(row -> new Revocation(row.get(Revocations.SEQUENCE), new UserId(row.get(Revocations.USER_ID)),
                        row.get(Revocations.TOKEN_ID), Instant.ofEpochMilli(row.get(Revocations.RECORDED_AT)),
                        Instant.ofEpochMilli(row.get(Revocations.EXPIRES_AT)))));
    }

    @Override
    public int forgetRevocations(Instant now) {
        return database.write(dsl -> dsl.deleteFrom(Revocations.TABLE)
                .where(Revocations.EXPIRES_AT.lt(now.toEpochMilli())).execute());
    }

    static User user(Record row) {
        return new User(new UserId(row.get(Users.ID)), new Email(row.get(Users.EMAIL)),
                new PasswordHash(row.get(Users.PASSWORD_HASH)), Instant.ofEpochMilli(row.get(Users.CREATED_AT)),
                row.get(Users.TOKEN_VERSION));
    }

    @Override
    public void saveTicket(String hash, OwnerId owner, Instant expiresAt) {
        database.write(dsl -> dsl.insertInto(StreamTickets.TABLE)
                .set(StreamTickets.HASH, hash)
                .set(StreamTickets.OWNER_ID, owner.value())
                .set(StreamTickets.EXPIRES_AT, expiresAt.toEpochMilli())
                .execute());
    }

    /** One DELETE ... RETURNING: of two nodes redeeming the same ticket at once, one gets its row. */
    @Override
    public Optional<OwnerId> takeTicket(String hash, Instant now) {
        return database.write(dsl -> {
            dsl.deleteFrom(StreamTickets.TABLE).where(StreamTickets.EXPIRES_AT.lt(now.toEpochMilli())).execute();
            return dsl.deleteFrom(StreamTickets.TABLE).where(StreamTickets.HASH.eq(hash))
                    .returning(StreamTickets.OWNER_ID)
                    .fetchOptional(StreamTickets.OWNER_ID)
                    .map(OwnerId::new);
        });
    }
}
