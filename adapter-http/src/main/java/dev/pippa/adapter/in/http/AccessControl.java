package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.AuthUseCases;
import dev.pippa.application.port.in.AuthenticationFailedException;
import dev.pippa.domain.OwnerId;
import io.helidon.http.HeaderName;
import io.helidon.http.Headers;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Guards /v1: rate limits per client address (and, stricter, on registration and login), then the
 * caller's identity (a bearer token, or the single owner when login is off), then a rate limit per user.
 * Health, metrics, the API documents and CORS preflights pass untouched.
 */
final class AccessControl implements Filter {

    static final HeaderName WWW_AUTHENTICATE = HeaderNames.create("WWW-Authenticate");
    static final String BEARER_CHALLENGE = "Bearer realm=\"pippa\"";
    private static final String BEARER_PREFIX = "bearer ";

    private final Optional<AuthUseCases> authenticate;
    private final OwnerId singleOwner;
    private final Optional<RateLimits> perUser;
    private final Optional<RateLimits> perAddress;
    private final Optional<RateLimits> loginsPerAddress;

    AccessControl(Access access, RateLimitOptions limits) {
        this.authenticate = access.auth();
        this.singleOwner = access.singleOwner();
        this.perUser = limiter(limits, limits.perUserPerSecond(), Duration.ofSeconds(1));
        this.perAddress = limiter(limits, limits.perAddressPerSecond(), Duration.ofSeconds(1));
        this.loginsPerAddress = limiter(limits, limits.loginsPerAddressPerMinute(), Duration.ofMinutes(1));
    }

    private static Optional<RateLimits> limiter(RateLimitOptions options, int requests, Duration period) {
        return options.enabled() ? Optional.of(new RateLimits(requests, period)) : Optional.empty();
    }

    /** The owner the request acts for, as established by this filter. */
    static OwnerId ownerOf(ServerRequest request) {
        return request.context().get(OwnerId.class)
                .orElseThrow(() -> new IllegalStateException("no caller: AccessControl did not run"));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        // CORS preflights carry no credentials by design; the CORS support answers them.
        if (!path.startsWith("/v1/") || request.prologue().method() == Method.OPTIONS) {
            chain.proceed();
            return;
        }
        // Only the per-address limits need the address; with limits off the hot path skips it.
        String address = perAddress.isPresent() ? request.remotePeer().host() : null;
        if (refusedByLimit(perAddress, address, request, response)) {
            return;
        }
        // The WebSocket upgrade authenticates itself (a refusal is close code 1008, not an HTTP status).
        if (path.equals(EventSocket.PATH)) {
            chain.proceed();
            return;
        }
        if (AuthHttpService.isPublic(path)) {
            if (request.prologue().method() != Method.POST
                    || !refusedByLimit(loginsPerAddress, address, request, response)) {
                chain.proceed();
            }
            return;
        }
        if (request.headers().contains(HeaderNames.AUTHORIZATION)
                && request.headers().get(HeaderNames.AUTHORIZATION).valueCount() > 1) {
            ProblemHandler.send(request, response, new ProblemHandler.Problem(Status.BAD_REQUEST_400,
                    "ambiguous_credentials", "Send one Authorization header, not several.", List.of()));
            return;
        }
        OwnerId owner;
        try {
            owner = authenticate.isEmpty() ? singleOwner : caller(authenticate.get(), request, path);
        } catch (AuthenticationFailedException e) {
            response.header(WWW_AUTHENTICATE, BEARER_CHALLENGE + ", error=\"invalid_token\"");
            ProblemHandler.send(request, response, new ProblemHandler.Problem(Status.UNAUTHORIZED_401,
                    "unauthorized", e.getMessage(), List.of()));
            return;
        }
        if (refusedByLimit(perUser, owner.value(), request, response)) {
            return;
        }
        request.context().register(owner);
        chain.proceed();
    }

    /**
     * Who the bearer token speaks for; on the event streams, which browsers open without headers, a
     * single-use ticket in the query may stand in for it (never a token: URLs end up in logs).
     */
    static OwnerId caller(AuthUseCases auth, ServerRequest request, String path) {
        Optional<String> ticket = EventHttpService.isStream(path) && !request.headers().contains(HeaderNames.AUTHORIZATION)
                ? QueryParameters.single(request, EventHttpService.TICKET) : Optional.empty();
        return ticket.isPresent() ? auth.redeemStreamTicket(ticket.get())
                : auth.authenticate(bearerToken(request.headers()));
    }

    /** The token of an {@code Authorization: Bearer} header; a missing or other scheme fails authentication. */
    static String bearerToken(Headers headers) {
        String header = headers.first(HeaderNames.AUTHORIZATION)
                .orElseThrow(() -> new AuthenticationFailedException(
                        "This endpoint needs an access token: send Authorization: Bearer <token> "
                                + "(get one from POST /v1/auth/token)."));
        if (header.length() <= BEARER_PREFIX.length()
                || !header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            throw new AuthenticationFailedException("The Authorization header must be: Bearer <token>.");
        }
        return header.substring(BEARER_PREFIX.length()).strip();
    }

    private static boolean refusedByLimit(Optional<RateLimits> limits, String key, RoutingRequest request,
                                          RoutingResponse response) {
        long wait = limits.map(limit -> limit.secondsToWait(key)).orElse(0L);
        if (wait == 0) {
            return false;
        }
        response.header(HeaderNames.RETRY_AFTER, Long.toString(wait));
        ProblemHandler.send(request, response, new ProblemHandler.Problem(Status.TOO_MANY_REQUESTS_429,
                "rate_limited", "Too many requests; retry after " + wait + " s.", List.of()));
        return true;
    }
}
