package dev.pippa.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.domain.DuplicateException;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import dev.pippa.application.port.out.Revocation;
import dev.pippa.application.port.out.UserStore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link UserStore} must have; each implementation runs it by extending this class. */
public abstract class UserStoreContract {

    protected UserStore users;

    protected abstract UserStore openUserStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        users = openUserStore();
    }

    @Test
    void givenANewEmail_whenCreatingAUser_thenItIsFoundByEmailWithItsHash() {
        User created = users.createUser(new Email("ada@example.com"), new PasswordHash("$hash$one"));

        assertThat(created.id().value()).startsWith("usr_");
        User found = users.findUserByEmail(new Email("ada@example.com")).orElseThrow();
        assertThat(found).isEqualTo(created);
        assertThat(found.passwordHash().value()).isEqualTo("$hash$one");
    }

    @Test
    void givenARegisteredEmail_whenRegisteringItAgainInAnotherCase_thenDuplicateAndTheFirstUserIsKept() {
        User first = users.createUser(new Email("grace@example.com"), new PasswordHash("$hash$first"));

        assertThatThrownBy(() -> users.createUser(new Email(" Grace@Example.COM "), new PasswordHash("$hash$second")))
                .isInstanceOf(DuplicateException.class);
        assertThat(users.findUserByEmail(new Email("grace@example.com"))).contains(first);
    }

    @Test
    void givenAUser_whenFoundByIdThenDeleted_thenGoneWithItsTicketsAndOthersStay() {
        User ada = users.createUser(new Email("ada@example.com"), new PasswordHash("$argon2id$v=19$ada"));
        User bob = users.createUser(new Email("bob@example.com"), new PasswordHash("$argon2id$v=19$bob"));
        Instant later = Instant.now().plusSeconds(60);
        users.saveTicket("ada-ticket", new OwnerId(ada.id().value()), later);
        users.saveTicket("bob-ticket", new OwnerId(bob.id().value()), later);

        assertThat(users.findUser(ada.id())).contains(ada);
        users.deleteUser(ada.id());

        assertThat(users.findUser(ada.id())).isEmpty();
        assertThat(users.findUserByEmail(new Email("ada@example.com"))).isEmpty();
        assertThat(users.takeTicket("ada-ticket", Instant.now())).isEmpty();
        assertThat(users.takeTicket("bob-ticket", Instant.now())).contains(new OwnerId(bob.id().value()));
        assertThat(users.findUser(bob.id())).contains(bob);
        assertThat(users.pendingErasures()).as("the data is still to be erased").containsExactly(ada.id().owner());
        users.deleteUser(ada.id());
        users.deleteUser(UserId.next(TimeOrderedIds.shared()));
        assertThat(users.pendingErasures()).containsExactly(ada.id().owner());
        users.erasureDone(ada.id().owner());
        assertThat(users.pendingErasures()).isEmpty();
    }

    @Test
    void givenNoSuchUser_whenFindingByEmail_thenEmpty() {
        users.createUser(new Email("someone@example.com"), new PasswordHash("$hash$x"));

        assertThat(users.findUserByEmail(new Email("nobody@example.com"))).isEmpty();
    }

    @Test
    void givenAUser_whenThePasswordChanges_thenTheHashAndTokenVersionMoveAndOtherNodesAreTold() {
        User ada = users.createUser(new Email("ada@example.com"), new PasswordHash("$hash$old"));
        User bob = users.createUser(new Email("bob@example.com"), new PasswordHash("$hash$bob"));
        Instant before = Instant.now().minusSeconds(1);
        Instant until = Instant.now().plusSeconds(3600);

        Optional<User> changed = users.changePassword(ada.id(), new PasswordHash("$hash$new"), until);

        assertThat(ada.tokenVersion()).isZero();
        assertThat(changed).get().returns(1L, User::tokenVersion).returns(new PasswordHash("$hash$new"),
                User::passwordHash);
        assertThat(users.findUser(ada.id())).isEqualTo(changed);
        assertThat(users.findUser(bob.id())).contains(bob);
        assertThat(users.revocationsSince(before)).singleElement().satisfies(notice -> {
            assertThat(notice.user()).isEqualTo(ada.id());
            assertThat(notice.tokenId()).as("user-wide").isNull();
            assertThat(notice.expiresAt().toEpochMilli()).isEqualTo(until.toEpochMilli());
        });
        assertThat(users.changePassword(UserId.next(TimeOrderedIds.shared()), new PasswordHash("$x"), until))
                .isEmpty();
    }

    @Test
    void givenRevocations_whenReadSinceATimeAndForgottenWhenExpired_thenEachIsKeptUntilItsExpiry() {
        User ada = users.createUser(new Email("ada@example.com"), new PasswordHash("$hash$a"));
        Instant now = Instant.now();
        users.revoke(ada.id(), "jti-expired", now.minusSeconds(5));
        users.revoke(ada.id(), "jti-live", now.plusSeconds(3600));

        assertThat(users.revocationsSince(now.minusSeconds(60))).extracting(Revocation::tokenId)
                .containsExactly("jti-expired", "jti-live");
        assertThat(users.revocationsSince(now.plusSeconds(60))).isEmpty();
        assertThat(users.forgetRevocations(now)).isEqualTo(1);
        assertThat(users.revocationsSince(Instant.EPOCH)).extracting(Revocation::tokenId).containsExactly("jti-live");
        assertThat(users.revocationsSince(Instant.EPOCH).getFirst().sequence()).isPositive();
    }

    @Test
    void givenTwoUsers_whenCreated_thenTheirIdsDiffer() {
        User one = users.createUser(new Email("one@example.com"), new PasswordHash("$hash$1"));
        User two = users.createUser(new Email("two@example.com"), new PasswordHash("$hash$2"));

        assertThat(one.id()).isNotEqualTo(two.id());
        assertThat(one.id().owner()).isNotEqualTo(two.id().owner());
    }
}
