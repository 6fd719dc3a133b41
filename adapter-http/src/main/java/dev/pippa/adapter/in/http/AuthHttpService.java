package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.AccessToken;
import dev.pippa.application.port.in.AuthUseCases;
import dev.pippa.application.port.in.IssueTokenCommand;
import dev.pippa.application.port.in.Password;
import dev.pippa.application.port.in.RegisterUserCommand;
import dev.pippa.domain.user.Email;
import dev.pippa.domain.user.User;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registration and the OAuth2 password-grant token endpoint (the only /v1 routes that need no token), and
 * stream tickets.
 */
public final class AuthHttpService implements HttpService {

    static final String USERS = "/v1/users";
    static final String TOKEN = "/v1/auth/token";
    static final String TICKETS = "/v1/auth/tickets";

    private final Optional<AuthUseCases> auth;

    /** @param auth empty when login is off: the routes then answer that it is off */
    public AuthHttpService(Optional<AuthUseCases> auth) {
        this.auth = auth;
    }

    static boolean isPublic(String path) {
        return path.equals(USERS) || path.equals(TOKEN);
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(Method.POST, USERS, this::register),
                new ApiRoute(Method.GET, USERS + "/me", this::me),
                new ApiRoute(Method.DELETE, USERS + "/me", this::deleteAccount),
                new ApiRoute(Method.POST, TOKEN, this::issueToken),
                new ApiRoute(Method.POST, TICKETS, this::issueTicket));
    }

    @Override
    public void routing(HttpRules rules) {
        ApiRoute.registerAll(rules, routes());
    }

    private void register(ServerRequest request, ServerResponse response) {
        AuthUseCases enabled = enabled();
        BodyFields fields = new BodyFields(RequestBodies.readObject(request));
        Requests.RegistrationBody body = Requests.validated(Requests.RegistrationBody.from(fields), fields);
        User user = enabled.registerUser(
                new RegisterUserCommand(new Email(body.email()), new Password(body.password())));
        Send.json(request, response, Status.CREATED_201, Responses.UserJson.from(user));
    }

    private void me(ServerRequest request, ServerResponse response) {
        Send.json(request, response, Status.OK_200, Responses.UserJson.from(enabled().me(AccessControl.ownerOf(request))));
    }

    /** {@code {"password": …}}: the account and everything in it are erased; its tokens stop working. */
    private void deleteAccount(ServerRequest request, ServerResponse response) {
        AuthUseCases enabled = enabled();
        BodyFields fields = new BodyFields(RequestBodies.readObject(request));
        String password = fields.string("password");
        fields.requireNoErrors();
        if (password == null) {
            throw ApiProblem.validation(List.of(new ApiProblem.FieldError("password", "is required")));
        }
        enabled.deleteAccount(AccessControl.ownerOf(request), new Password(password));
        response.status(Status.NO_CONTENT_204).send();
    }

    /** OAuth2 resource-owner password grant (RFC 6749 §4.3); other fields (client_id, scope) are ignored. */
    private void issueToken(ServerRequest request, ServerResponse response) {
        AuthUseCases enabled = enabled();
        Map<String, String> form = Forms.read(request);
        String grantType = form.get("grant_type");
        if (!"password".equals(grantType)) {
            throw ApiProblem.badRequest("unsupported_grant_type",
                    "grant_type must be 'password'" + (grantType == null ? " (it is missing)." : "."));
        }
        String username = form.get("username");
        String password = form.get("password");
        if (username == null || password == null) {
            throw ApiProblem.badRequest("invalid_request", "Both username (the email) and password are required.");
        }
        AccessToken token = enabled.issueToken(new IssueTokenCommand(username, password));
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        Send.json(request, response, Status.OK_200, Responses.TokenJson.from(token));
    }

    /** A single-use ticket for one event stream, for browsers (which cannot send headers there). */
    private void issueTicket(ServerRequest request, ServerResponse response) {
        AccessToken ticket = enabled().issueStreamTicket(AccessControl.ownerOf(request));
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        Send.json(request, response, Status.CREATED_201, Responses.TicketJson.from(ticket));
    }

    private AuthUseCases enabled() {
        return auth.orElseThrow(() -> new ApiProblem(Status.NOT_FOUND_404, "auth_disabled",
                "Login is off on this server (PIPPA_AUTH=none): call the API without a token.", List.of()));
    }
}
