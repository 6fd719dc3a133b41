package dev.pippa.adapter.out.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pippa.domain.TimeOrderedIds;
import dev.pippa.application.port.out.VerifiedToken;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.PasswordHash;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

class JwtAccessTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final User ada = new User(UserId.next(TimeOrderedIds.shared()), new Email("ada@example.com"),
            new PasswordHash("$argon2id$x"), NOW, 3);
    private final JwtAccessTokens tokens = at(NOW);

    private static JwtAccessTokens at(Instant instant) {
        return new JwtAccessTokens(SECRET, Duration.ofHours(1), Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void givenAnIssuedToken_whenVerifiedBeforeItExpires_thenItNamesItsUser() {
        String token = tokens.issue(ada).value();

        assertThat(tokens.verify(token)).map(VerifiedToken::user).contains(ada.id());
        assertThat(at(NOW.plus(Duration.ofMinutes(59))).verify(token)).map(VerifiedToken::user).contains(ada.id());
        assertThat(tokens.issue(ada).expiresIn()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void givenAnIssuedToken_whenVerified_thenItCarriesItsOwnIdTheUsersTokenVersionAndItsExpiry() {
        VerifiedToken first = tokens.verify(tokens.issue(ada).value()).orElseThrow();
        VerifiedToken second = tokens.verify(tokens.issue(ada).value()).orElseThrow();

        assertThat(first.version()).isEqualTo(3);
        assertThat(first.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(first.id()).isNotBlank().isNotEqualTo(second.id());
        assertThat(tokens.lifetime()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void givenATokenVerifiedBefore_whenVerifiedAgainAfterItExpired_thenRefusedDespiteBeingRemembered() {
        MutableClock clock = new MutableClock(NOW);
        JwtAccessTokens ticking = new JwtAccessTokens(SECRET, Duration.ofHours(1), clock);
        String token = ticking.issue(ada).value();
        assertThat(ticking.verify(token)).map(VerifiedToken::user).contains(ada.id());

        clock.now = NOW.plus(Duration.ofHours(2));

        assertThat(ticking.verify(token)).isEmpty();
    }

    @Test
    void givenATokenIssuedInTheFuture_whenVerified_thenRefusedBeyondTheClockSkewOnly() {
        String slightlyAhead = at(NOW.plusSeconds(30)).issue(ada).value();
        String farAhead = at(NOW.plus(Duration.ofMinutes(10))).issue(ada).value();

        assertThat(tokens.verify(slightlyAhead)).map(VerifiedToken::user).contains(ada.id());
        assertThat(tokens.verify(farAhead)).isEmpty();
    }

    @Test
    void givenATokenNotValidBeforeALaterTime_whenVerifiedNow_thenRefused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(JwtAccessTokens.ISSUER).subject(ada.id().value())
                .issueTime(Date.from(NOW)).notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(NOW.plus(Duration.ofHours(1)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET));

        assertThat(tokens.verify(jwt.serialize())).isEmpty();
        assertThat(at(NOW.plus(Duration.ofMinutes(11))).verify(jwt.serialize())).map(VerifiedToken::user).contains(ada.id());
        assertThat(at(NOW.plus(Duration.ofMinutes(11))).verify(jwt.serialize())).as("no version claim: version 0")
                .map(VerifiedToken::version).contains(0L);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void givenAnIssuedToken_whenVerifiedAfterItExpires_thenRefused() {
        String token = tokens.issue(ada).value();

        assertThat(at(NOW.plus(Duration.ofHours(1))).verify(token)).isEmpty();
    }

    @Test
    void givenATokenSignedWithAnotherKey_whenVerified_thenRefused() {
        JwtAccessTokens other = new JwtAccessTokens("another secret that is 32 bytes!".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(tokens.verify(other.issue(ada).value())).isEmpty();
    }

    @Test
    void givenATokenWhosePayloadWasEdited_whenVerified_thenRefused() {
        String[] parts = tokens.issue(ada).value().split("\\.");
        String otherUser = UserId.next(TimeOrderedIds.shared()).value();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(ada.id().value(), otherUser);

        String tampered = parts[0] + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(tokens.verify(tampered)).isEmpty();
    }

    @Test
    void givenAnUnsignedAlgNoneToken_whenVerified_thenRefused() {
        String payload = new String(Base64.getUrlDecoder().decode(tokens.issue(ada).value().split("\\.")[1]),
                StandardCharsets.UTF_8);
        String header = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

        String unsigned = header + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";

        assertThat(tokens.verify(unsigned)).isEmpty();
    }

    @Test
    void givenGarbage_whenVerified_thenRefusedWithoutThrowing() {
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("not.a.jwt")).isEmpty();
        assertThat(tokens.verify("a.b")).isEmpty();
        assertThat(tokens.verify("x".repeat(10_000))).isEmpty();
    }

    @Test
    void givenAShortSecret_whenBuilt_thenRefusedNamingTheMinimum() {
        assertThatThrownBy(() -> new JwtAccessTokens(new byte[31], Duration.ofHours(1), Clock.systemUTC()))
                .hasMessageContaining("at least 32 bytes");
    }
}
