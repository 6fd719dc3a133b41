package dev.pippa.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.domain.DuplicateException;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import dev.pippa.application.port.out.UserStore;
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
