package dev.pippa.adapter.out.postgres;

import static dev.pippa.adapter.out.postgres.Tables.StreamTickets;
import static dev.pippa.adapter.out.postgres.Tables.Users;

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
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** {@link UserStore} in the same database; the email's UNIQUE constraint decides races between nodes. */
public final class PostgresUserStore implements UserStore {

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
        return database.read(dsl -> dsl.select(Users.ID, Users.EMAIL, Users.PASSWORD_HASH, Users.CREATED_AT)
                .from(Users.TABLE)
                .where(which)
                .fetchOptional(PostgresUserStore::user));
    }

    @Override
    public void deleteUser(UserId id) {
        database.write(dsl -> {
            dsl.deleteFrom(StreamTickets.TABLE).where(StreamTickets.OWNER_ID.eq(id.value())).execute();
            return dsl.deleteFrom(Users.TABLE).where(Users.ID.eq(id.value())).execute();
        });
    }

    @Override
    public boolean userExists(UserId id) {
        return database.read(dsl -> dsl.fetchExists(Users.TABLE, Users.ID.eq(id.value())));
    }

    static User user(Record row) {
        return new User(new UserId(row.get(Users.ID)), new Email(row.get(Users.EMAIL)),
                new PasswordHash(row.get(Users.PASSWORD_HASH)), Instant.ofEpochMilli(row.get(Users.CREATED_AT)));
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
