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
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import dev.pippa.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registration and the OAuth2 password-grant token endpoint (the only /v1 routes that need no token), and
 * stream tickets.
 */
public final class AuthHttpService {

    static final String USERS = "/v1/users";
    static final String TOKEN = "/v1/auth/token";
    static final String TICKETS = "/v1/auth/tickets";
    static final String REVOKE = "/v1/auth/revoke";

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
                new ApiRoute(Method.POST, USERS + "/me/password", this::changePassword),
                new ApiRoute(Method.POST, REVOKE, this::revoke),
                new ApiRoute(Method.POST, TOKEN, this::issueToken),
                new ApiRoute(Method.POST, TICKETS, this::issueTicket));
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
        Map<String, Password> passwords = passwords(request, "password");
        enabled.deleteAccount(AccessControl.ownerOf(request), passwords.get("password"));
        response.status(Status.NO_CONTENT_204).send();
    }

    /** {@code {"current_password": …, "new_password": …}}: answers a new token; every earlier one stops working. */
    private void changePassword(ServerRequest request, ServerResponse response) {
        AuthUseCases enabled = enabled();
        Map<String, Password> passwords = passwords(request, "current_password", "new_password");
        AccessToken token = enabled.changePassword(AccessControl.ownerOf(request), passwords.get("current_password"),
                passwords.get("new_password"));
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        Send.json(request, response, Status.OK_200, Responses.TokenJson.from(token));
    }

    /** The token that authorised this request stops working (RFC 7009 in spirit: 204 whatever it was). */
    private void revoke(ServerRequest request, ServerResponse response) {
        enabled().revoke(AccessControl.bearerToken(request.headers()));
        response.status(Status.NO_CONTENT_204).send();
    }

    /** The named password fields of a JSON body, each required; one 422 names every field that is not right. */
    private static Map<String, Password> passwords(ServerRequest request, String... names) {
        BodyFields fields = new BodyFields(RequestBodies.readObject(request));
        Map<String, Password> passwords = new HashMap<>();
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        for (String name : names) {
            String value = fields.string(name);
            if (value == null && !fields.failed(name)) {
                errors.add(new ApiProblem.FieldError(name, "is required"));
            } else if (value != null) {
                try {
                    passwords.put(name, new Password(value));
                } catch (InvalidInputException e) {
                    errors.add(new ApiProblem.FieldError(name, e.reason()));
                }
            }
        }
        errors.addAll(fields.errors());
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return passwords;
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
