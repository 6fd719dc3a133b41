package dev.pippa.adapter.out.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.pippa.application.port.in.AccessToken;
import dev.pippa.application.port.out.AccessTokens;
import dev.pippa.application.port.out.VerifiedToken;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.user.User;
import dev.pippa.domain.user.UserId;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * JWTs signed with HMAC-SHA256 (Nimbus JOSE+JWT). Verification accepts exactly HS256 with our key and
 * issuer, an expiry in the future, and no {@code nbf} or {@code iat} in the future (beyond a minute of clock
 * skew): {@code alg:none}, other algorithms, other keys, edited claims, expired tokens and tokens not yet
 * valid are all refused.
 * <p>
 * A token that verified once is remembered (by its exact text, until it expires) so the next request
 * with it costs a lookup instead of a parse and an HMAC: a client sends the same token many times.
 */
public final class JwtAccessTokens implements AccessTokens {

    /** HS256 needs a key at least as long as its hash. */
    public static final int MIN_SECRET_BYTES = 32;
    static final String ISSUER = "pippa";
    /** Ours are about 250 characters; anything far longer is refused before it is parsed. */
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final int REMEMBERED_TOKENS = 10_000;
    /** How far another node's clock may run ahead of ours. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** The user's token version the token was issued under (absent in tokens older than it: version 0). */
    static final String VERSION_CLAIM = "ver";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;
    private final Cache<String, VerifiedToken> verified;

    public JwtAccessTokens(byte[] secret, Duration lifetime, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the token signing secret must be at least " + MIN_SECRET_BYTES
                    + " bytes, got " + secret.length);
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable token signing secret: " + e.getMessage(), e);
        }
        this.lifetime = lifetime;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(REMEMBERED_TOKENS).expireAfterWrite(lifetime).build();
    }

    @Override
    public AccessToken issue(User user) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user.id().value())
                .claim(VERSION_CLAIM, user.tokenVersion())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return new AccessToken(jwt.serialize(), lifetime);
    }

    @Override
    public Optional<VerifiedToken> verify(String token) {
        Instant now = clock.instant();
        VerifiedToken known = verified.getIfPresent(token);
        if (known != null) {
            return known.expiresAt().isAfter(now) ? Optional.of(known) : Optional.empty();
        }
        Optional<VerifiedToken> checked = check(token, now);
        checked.ifPresent(valid -> verified.put(token, valid));
        return checked;
    }

    @Override
    public Duration lifetime() {
        return lifetime;
    }

    /** A token not valid yet, or issued in the future, beyond the clocks' allowed disagreement. */
    private static boolean isFuture(Date time, Instant now) {
        return time != null && time.toInstant().isAfter(now.plus(CLOCK_SKEW));
    }

    private Optional<VerifiedToken> check(String token, Instant now) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || expiry == null || !expiry.toInstant().isAfter(now)
                    || isFuture(claims.getNotBeforeTime(), now) || isFuture(claims.getIssueTime(), now)) {
                return Optional.empty();
            }
            Long version = claims.getLongClaim(VERSION_CLAIM);
            String id = claims.getJWTID() == null ? token : claims.getJWTID();
            return Optional.of(new VerifiedToken(new UserId(claims.getSubject()), id, version == null ? 0 : version,
                    expiry.toInstant()));
        } catch (ParseException | JOSEException | InvalidInputException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
