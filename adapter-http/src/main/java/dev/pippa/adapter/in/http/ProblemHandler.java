package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.AuthenticationFailedException;
import dev.pippa.application.port.in.EventStreamRefusedException;
import dev.pippa.application.port.in.TooManyGenerationsException;
import dev.pippa.domain.ConflictException;
import dev.pippa.domain.DomainException;
import dev.pippa.domain.DuplicateException;
import dev.pippa.domain.InvalidInputException;
import dev.pippa.domain.NotFoundException;
import dev.pippa.domain.StorageException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * Maps every failure to RFC 9457 problem+json, each kind in exactly one place. A 500 is a bug: it is
 * logged with its stack trace here and answered without one.
 */
final class ProblemHandler {

    private static final System.Logger LOG = System.getLogger(ProblemHandler.class.getName());
    static final String RETRY_AFTER_SECONDS = "1";
    /** A generation takes seconds: sooner than this, the slot is rarely free. */
    static final String GENERATION_RETRY_AFTER_SECONDS = "5";

    private ProblemHandler() {
    }

    static void register(HttpRouting.Builder routing) {
        routing.error(ApiProblem.class, handler(Problem::of))
                .error(DomainException.class, handler(ProblemHandler::fromDomain))
                .error(AuthenticationFailedException.class, (request, response, failure) -> {
                    response.header(AccessControl.WWW_AUTHENTICATE, AccessControl.BEARER_CHALLENGE);
                    send(request, response, new Problem(Status.UNAUTHORIZED_401, "unauthorized", failure.getMessage(),
                            List.of()));
                })
                .error(EventStreamRefusedException.class, (request, response, failure) -> {
                    Problem problem = fromRefusal(failure);
                    if (problem.status() == Status.TOO_MANY_REQUESTS_429) {
                        response.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
                    }
                    send(request, response, problem);
                })
                .error(TooManyGenerationsException.class, (request, response, failure) -> {
                    response.header(HeaderNames.RETRY_AFTER, GENERATION_RETRY_AFTER_SECONDS);
                    send(request, response, tooManyGenerations(failure));
                })
                .error(HttpException.class, handler(ProblemHandler::fromHelidon))
                .error(Throwable.class, handler(ProblemHandler::unexpected));
    }

    /** The problem any failure is answered with, for transports with no response to send it on (WebSocket). */
    static Problem of(Throwable failure) {
        return switch (failure) {
            case ApiProblem e -> Problem.of(e);
            case DomainException e -> fromDomain(e);
            case AuthenticationFailedException e -> new Problem(Status.UNAUTHORIZED_401, "unauthorized",
                    e.getMessage(), List.of());
            case EventStreamRefusedException e -> fromRefusal(e);
            case TooManyGenerationsException e -> tooManyGenerations(e);
            default -> unexpected(failure);
        };
    }

    private static Problem fromRefusal(EventStreamRefusedException failure) {
        return switch (failure.reason()) {
            case OWNER_LIMIT -> new Problem(Status.TOO_MANY_REQUESTS_429, "too_many_streams", failure.getMessage(),
                    List.of());
            case SERVER_LIMIT -> new Problem(Status.SERVICE_UNAVAILABLE_503, "unavailable", failure.getMessage(),
                    List.of());
            case RESUME_POINT_FORGOTTEN -> new Problem(Status.GONE_410, "resume_point_expired", failure.getMessage(),
                    List.of());
        };
    }

    private static Problem tooManyGenerations(TooManyGenerationsException failure) {
        return new Problem(Status.TOO_MANY_REQUESTS_429, "too_many_generations", failure.getMessage(), List.of());
    }

    private interface Mapper<T extends Throwable> {
        Problem map(T failure);
    }

    record Problem(Status status, String code, String detail, List<ApiProblem.FieldError> errors) {

        static Problem of(ApiProblem problem) {
            return new Problem(problem.status(), problem.code(), problem.getMessage(), problem.errors());
        }
    }

    private static <T extends Throwable> ErrorHandler<T> handler(Mapper<T> mapper) {
        return (request, response, failure) -> send(request, response, mapper.map(failure));
    }

    private static Problem fromDomain(DomainException failure) {
        return switch (failure) {
            case NotFoundException e -> new Problem(Status.NOT_FOUND_404, "not_found",
                    capitalise(e.resource()) + " " + e.id() + " does not exist.", List.of());
            case ConflictException e -> new Problem(Status.PRECONDITION_FAILED_412, "precondition_failed",
                    "The conversation has changed (its ETag is now \"" + e.actualVersion()
                            + "\"); fetch it again and retry.", List.of());
            case DuplicateException e -> new Problem(Status.CONFLICT_409, "already_exists",
                    capitalise(e.resource()) + " with this " + e.field() + " already exists.",
                    List.of(new ApiProblem.FieldError(e.field(), "is already registered")));
            case InvalidInputException e -> new Problem(Status.UNPROCESSABLE_CONTENT_422, "validation_failed",
                    e.getMessage(), List.of(new ApiProblem.FieldError(e.field(), e.reason())));
            case StorageException e when e.kind() == StorageException.Kind.FULL -> {
                LOG.log(System.Logger.Level.ERROR, "storage full: " + e.getMessage());
                yield new Problem(Status.INSUFFICIENT_STORAGE_507, "insufficient_storage",
                        "The database is full (its disk, or its size limit PIPPA_DB_MAX_SIZE_MB); nothing was "
                                + "written. Reads still work; writes resume once space is freed.", List.of());
            }
            case StorageException e -> {
                LOG.log(System.Logger.Level.WARNING, "storage failure: " + e.getMessage(), e);
                yield new Problem(Status.SERVICE_UNAVAILABLE_503, "unavailable",
                        "The store cannot take this request right now; retry shortly.", List.of());
            }
        };
    }

    private static Problem fromHelidon(HttpException failure) {
        Status status = failure.status();
        if (status.code() == 404) {
            return new Problem(status, "route_not_found", "No such endpoint; see /openapi for the API.", List.of());
        }
        if (status.code() >= 500) {
            return unexpected(failure);
        }
        return new Problem(status, "bad_request", "The request could not be processed: " + status.reasonPhrase(),
                List.of());
    }

    private static Problem unexpected(Throwable failure) {
        LOG.log(System.Logger.Level.ERROR, "unexpected failure (a bug)", failure);
        return new Problem(Status.INTERNAL_SERVER_ERROR_500, "internal_error",
                "An unexpected error occurred; it has been logged.", List.of());
    }

    static void send(ServerRequest request, ServerResponse response, Problem problem) {
        if (problem.status().code() == 503) {
            response.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        // A refused request whose body was never read: hang up rather than wait for that body to arrive.
        if (!request.content().consumed()) {
            response.header(HeaderValues.CONNECTION_CLOSE);
        }
        Send.bytes(request, response, problem.status(), Send.PROBLEM_JSON,
                Json.write(body(problem, request.prologue().uriPath().rawPath())));
    }

    /** The one builder of problem bodies, for routed requests and for those Helidon refuses before routing. */
    static Responses.ProblemJson body(Problem problem, String instance) {
        String oauthError = AuthHttpService.TOKEN.equals(instance) ? oauthError(problem.code()) : null;
        return new Responses.ProblemJson("urn:pippa:problem:" + problem.code(), problem.status().reasonPhrase(),
                problem.status().code(), problem.detail(), instance, problem.code(),
                problem.errors().isEmpty() ? null : problem.errors(),
                oauthError, oauthError == null ? null : problem.detail());
    }

    /** The RFC 6749 §5.2 error code of a token endpoint problem; wrong credentials are an invalid grant. */
    private static String oauthError(String code) {
        return switch (code) {
            case "unsupported_grant_type" -> code;
            case "unauthorized" -> "invalid_grant";
            case "rate_limited", "unavailable", "internal_error" -> null;
            default -> "invalid_request";
        };
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
