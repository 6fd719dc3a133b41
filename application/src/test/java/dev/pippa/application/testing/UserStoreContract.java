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
import dev.pippa.application.port.out.UserStore;
import java.time.Instant;
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
        assertThat(users.userExists(ada.id())).isFalse();
        assertThat(users.findUserByEmail(new Email("ada@example.com"))).isEmpty();
        assertThat(users.takeTicket("ada-ticket", Instant.now())).isEmpty();
        assertThat(users.takeTicket("bob-ticket", Instant.now())).contains(new OwnerId(bob.id().value()));
        assertThat(users.findUser(bob.id())).contains(bob);
    }

    @Test
    void givenNoSuchUser_whenFindingByEmail_thenEmpty() {
        users.createUser(new Email("someone@example.com"), new PasswordHash("$hash$x"));

        assertThat(users.findUserByEmail(new Email("nobody@example.com"))).isEmpty();
    }

    @Test
    void givenACreatedUser_whenAskingWhetherIdsExist_thenOnlyItsIdDoes() {
        User created = users.createUser(new Email("exists@example.com"), new PasswordHash("$hash$e"));

        assertThat(users.userExists(created.id())).isTrue();
        assertThat(users.userExists(UserId.next(TimeOrderedIds.shared()))).isFalse();
    }

    @Test
    void givenTwoUsers_whenCreated_thenTheirIdsDiffer() {
        User one = users.createUser(new Email("one@example.com"), new PasswordHash("$hash$1"));
        User two = users.createUser(new Email("two@example.com"), new PasswordHash("$hash$2"));

        assertThat(one.id()).isNotEqualTo(two.id());
        assertThat(one.id().owner()).isNotEqualTo(two.id().owner());
    }
}
