package dev.pippa.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pippa.domain.Role;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.NewConversation;
import dev.pippa.application.testing.UseCasesOver;
import dev.pippa.application.port.in.AccessToken;
import dev.pippa.application.port.in.AuthUseCases;
import dev.pippa.application.port.in.AuthenticationFailedException;
import dev.pippa.application.port.in.IssueTokenCommand;
import dev.pippa.application.port.in.Password;
import dev.pippa.application.port.in.RegisterUserCommand;
import dev.pippa.application.port.out.AccessTokens;
import dev.pippa.application.port.out.VerifiedToken;
import dev.pippa.application.port.out.PasswordHasher;
import dev.pippa.application.testing.InMemoryConversationStore;
import dev.pippa.application.testing.InMemoryUserStore;
import dev.pippa.domain.DuplicateException;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import dev.pippa.application.testing.MutableClock;
import java.time.Instant;
import dev.pippa.domain.OwnerId;
import org.junit.jupiter.api.Test;

class AuthServiceTest {

    /** Reversible "hash" that counts its checks: enough to see what the service asks of the port. */
    static final class CountingHasher implements PasswordHasher {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public PasswordHash hash(Password password) {
            return new PasswordHash("fake$" + new StringBuilder(password.value()).reverse());
        }

        @Override
        public boolean matches(String candidate, PasswordHash hash) {
            checks.incrementAndGet();
            return hash.value().equals("fake$" + new StringBuilder(candidate).reverse());
        }
    }

    /** Tokens are "token-" + user id + a serial number; anything not issued is refused. */
    static final class FakeTokens implements AccessTokens {
        final Map<String, VerifiedToken> issued = new ConcurrentHashMap<>();
        private final AtomicLong serial = new AtomicLong();

        @Override
        public AccessToken issue(User user) {
            String token = "token-" + user.id().value() + "-" + serial.incrementAndGet();
            issued.put(token, new VerifiedToken(user.id(), token, user.tokenVersion(), Instant.now().plus(lifetime())));
            return new AccessToken(token, lifetime());
        }

        @Override
        public Optional<VerifiedToken> verify(String token) {
            return Optional.ofNullable(issued.get(token));
        }

        @Override
        public Duration lifetime() {
            return Duration.ofHours(1);
        }
    }

    private final InMemoryUserStore users = new InMemoryUserStore();
    private final InMemoryConversationStore conversations = new InMemoryConversationStore();
    private final CountingHasher hasher = new CountingHasher();
    private final FakeTokens tokens = new FakeTokens();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
    private final AuthUseCases auth = Services.auth(users, hasher, tokens, conversations, clock);

    private User register(String email, String password) {
        return auth.registerUser(new RegisterUserCommand(new Email(email), new Password(password)));
    }

    @Test
    void givenARegisteredUser_whenLoggingInWithTheRightPassword_thenTheTokenAuthenticatesAsThatUser() {
        User ada = register("Ada@Example.com", "correct horse battery");

        AccessToken token = auth.issueToken(new IssueTokenCommand("ada@example.com", "correct horse battery"));

        assertThat(auth.authenticate(token.value())).isEqualTo(ada.id().owner());
    }

    @Test
    void givenAnAccount_whenDeletedWithAWrongPassword_thenNothingGoesAndWithTheRightOneEverythingDoes() {
        User ada = register("ada@example.com", "correct horse battery");
        User bob = register("bob@example.com", "another good password");
        AccessToken token = auth.issueToken(new IssueTokenCommand("ada@example.com", "correct horse battery"));
        UseCasesOver use = new UseCasesOver(conversations);
        var adas = use.createConversation(ada.id().owner(), new NewConversation("mine", null));
        use.appendMessage(ada.id().owner(), adas.id(), new NewMessage(Role.USER, "secret", null));
        var bobs = use.createConversation(bob.id().owner(), new NewConversation("his", null));
        assertThat(auth.authenticate(token.value())).isEqualTo(ada.id().owner());

        assertThatThrownBy(() -> auth.deleteAccount(ada.id().owner(), new Password("not the password")))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(auth.me(ada.id().owner())).isEqualTo(ada);
        assertThat(conversations.findConversation(ada.id().owner(), adas.id())).isPresent();

        auth.deleteAccount(ada.id().owner(), new Password("correct horse battery"));

        assertThatThrownBy(() -> auth.authenticate(token.value())).as("its token stops working at once")
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(conversations.findConversation(ada.id().owner(), adas.id())).isEmpty();
        assertThat(users.findUserByEmail(new Email("ada@example.com"))).isEmpty();
        assertThat(conversations.findConversation(bob.id().owner(), bobs.id())).as("nobody else's").isPresent();
        assertThat(auth.me(bob.id().owner())).isEqualTo(bob);
        assertThat(users.pendingErasures()).as("finished").isEmpty();
    }

    @Test
    void givenAnErasureInterruptedAfterTheUserWent_whenTheNextStartResumesIt_thenTheDataGoesToo() {
        User ada = register("ada@example.com", "correct horse battery");
        UseCasesOver use = new UseCasesOver(conversations);
        var adas = use.createConversation(ada.id().owner(), new NewConversation("mine", null));
        use.appendMessage(ada.id().owner(), adas.id(), new NewMessage(Role.USER, "secret", null));
        users.deleteUser(ada.id()); // the first step of deleteAccount, then the process died

        AuthUseCases restarted = Services.auth(users, hasher, tokens, conversations, clock);

        assertThat(restarted.resumeErasures()).isEqualTo(1);
        assertThat(conversations.findConversation(ada.id().owner(), adas.id())).isEmpty();
        assertThat(users.pendingErasures()).isEmpty();
        assertThat(restarted.resumeErasures()).isZero();
    }

    @Test
    void givenARegisteredUser_whenTheHashIsStored_thenItIsNotThePassword() {
        User ada = register("ada@example.com", "correct horse battery");

        assertThat(ada.passwordHash().value()).doesNotContain("correct horse battery");
        assertThat(ada.passwordHash().toString()).doesNotContain(ada.passwordHash().value());
    }

    @Test
    void givenAWrongPasswordOrAnUnknownEmail_whenLoggingIn_thenTheSameFailureAfterOnePasswordCheckEach() {
        register("ada@example.com", "correct horse battery");

        Throwable wrongPassword = catchFailure(new IssueTokenCommand("ada@example.com", "wrong horse battery"));
        int checksAfterWrongPassword = hasher.checks.get();
        Throwable unknownEmail = catchFailure(new IssueTokenCommand("eve@example.com", "correct horse battery"));
        Throwable notAnEmail = catchFailure(new IssueTokenCommand("not an email", "correct horse battery"));

        assertThat(checksAfterWrongPassword).isEqualTo(1);
        assertThat(hasher.checks.get()).isEqualTo(3);
        assertThat(unknownEmail).isInstanceOf(AuthenticationFailedException.class)
                .hasMessage(wrongPassword.getMessage());
        assertThat(notAnEmail).hasMessage(wrongPassword.getMessage());
    }

    @Test
    void givenARegisteredEmail_whenRegisteringAgain_thenDuplicate() {
        register("ada@example.com", "correct horse battery");

        assertThatThrownBy(() -> register("ADA@example.com", "another long password"))
                .isInstanceOf(DuplicateException.class);
    }

    @Test
    void givenAnUnknownToken_whenAuthenticating_thenRefused() {
        assertThatThrownBy(() -> auth.authenticate("token-usr_made_up"))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void givenAValidTokenForAUserThatDoesNotExist_whenAuthenticating_thenRefused() {
        AccessToken forNobody = tokens.issue(new User(UserId.next(TimeOrderedIds.shared()),
                new Email("nobody@example.com"), new PasswordHash("fake$x"), Instant.now()));

        assertThatThrownBy(() -> auth.authenticate(forNobody.value()))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void givenAPasswordChange_whenTokensAreUsed_thenOnlyTheNewOneWorksAndAWrongCurrentPasswordChangesNothing() {
        User ada = register("ada@example.com", "correct horse battery");
        AccessToken laptop = login("ada@example.com", "correct horse battery");
        AccessToken phone = login("ada@example.com", "correct horse battery");

        assertThatThrownBy(() -> auth.changePassword(ada.id().owner(), new Password("wrong password here"),
                new Password("a brand new password"))).isInstanceOf(AuthenticationFailedException.class);
        assertThat(auth.authenticate(phone.value())).isEqualTo(ada.id().owner());
        AccessToken fresh = auth.changePassword(ada.id().owner(), new Password("correct horse battery"),
                new Password("a brand new password"));

        assertThat(auth.authenticate(fresh.value())).isEqualTo(ada.id().owner());
        for (AccessToken old : List.of(laptop, phone)) {
            assertThatThrownBy(() -> auth.authenticate(old.value())).hasMessageContaining("password was changed");
        }
        assertThatThrownBy(() -> login("ada@example.com", "correct horse battery"))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(auth.authenticate(login("ada@example.com", "a brand new password").value()))
                .isEqualTo(ada.id().owner());
    }

    @Test
    void givenARevokedToken_whenUsedHereOnAnotherNodeOrAfterARestart_thenRefusedWhileOtherTokensWork() {
        User ada = register("ada@example.com", "correct horse battery");
        AccessToken revoked = login("ada@example.com", "correct horse battery");
        AccessToken kept = login("ada@example.com", "correct horse battery");
        AuthUseCases otherNode = Services.auth(users, hasher, tokens, conversations, clock);
        assertThat(otherNode.authenticate(revoked.value())).isEqualTo(ada.id().owner());

        auth.revoke(revoked.value());
        otherNode.followRevocations();
        AuthUseCases restarted = Services.auth(users, hasher, tokens, conversations, clock);

        for (AuthUseCases node : List.of(auth, otherNode, restarted)) {
            assertThatThrownBy(() -> node.authenticate(revoked.value())).hasMessageContaining("revoked");
            assertThat(node.authenticate(kept.value())).isEqualTo(ada.id().owner());
        }
    }

    @Test
    void givenAPasswordChangedOnOneNode_whenAnotherNodeFollowsRevocations_thenItRefusesTheOldTokenAtOnce() {
        User ada = register("ada@example.com", "correct horse battery");
        AccessToken old = login("ada@example.com", "correct horse battery");
        AuthUseCases otherNode = Services.auth(users, hasher, tokens, conversations, clock);
        assertThat(otherNode.authenticate(old.value())).as("remembered as current").isEqualTo(ada.id().owner());

        auth.changePassword(ada.id().owner(), new Password("correct horse battery"),
                new Password("a brand new password"));
        otherNode.followRevocations();

        assertThatThrownBy(() -> otherNode.authenticate(old.value())).hasMessageContaining("password was changed");
    }

    private AccessToken login(String email, String password) {
        return auth.issueToken(new IssueTokenCommand(email, password));
    }

    @Test
    void givenShortPasswords_whenMadeIntoAPassword_thenRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> new Password("short-pw"))
                .hasMessageContaining("12 to 1024")
                .hasMessageNotContaining("short-pw");
        assertThat(new Password("long enough password").toString()).doesNotContain("long enough");
    }

    private Throwable catchFailure(IssueTokenCommand command) {
        try {
            auth.issueToken(command);
            throw new AssertionError("login should have failed");
        } catch (AuthenticationFailedException e) {
            return e;
        }
    }

    @Test
    void givenAStreamTicket_whenRedeemed_thenItNamesItsOwnerOnceAndNeverAfterItExpires() {
        OwnerId ada = new OwnerId("usr_ada");
        AccessToken once = auth.issueStreamTicket(ada);
        assertThat(once.expiresIn()).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(auth.redeemStreamTicket(once.value())).isEqualTo(ada);
        assertThatThrownBy(() -> auth.redeemStreamTicket(once.value())).as("single use")
                .isInstanceOf(AuthenticationFailedException.class);

        AccessToken late = auth.issueStreamTicket(ada);
        clock.advance(Duration.ofSeconds(61));
        assertThatThrownBy(() -> auth.redeemStreamTicket(late.value())).as("expired")
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> auth.redeemStreamTicket("made-up")).isInstanceOf(AuthenticationFailedException.class);
    }
}
