package dev.pippa.adapter.in.http;

import io.helidon.http.Status;
import java.util.List;

/**
 * An HTTP-level failure detected by the adapter itself (bad query parameter, wrong media type, body too
 * large, validation). The error handler renders it as problem+json like every domain error.
 */
final class ApiProblem extends RuntimeException {

    record FieldError(String field, String message) {
    }

    private final Status status;
    private final String code;
    private final List<FieldError> errors;

    ApiProblem(Status status, String code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(Status.BAD_REQUEST_400, code, detail, List.of());
    }

    static ApiProblem badParameter(String name, String message) {
        return new ApiProblem(Status.BAD_REQUEST_400, "invalid_parameter",
                "Query parameter '" + name + "' " + message + ".", List.of(new FieldError(name, message)));
    }

    static ApiProblem validation(List<FieldError> errors) {
        return new ApiProblem(Status.UNPROCESSABLE_CONTENT_422, "validation_failed",
                "The request body has " + errors.size() + " invalid field" + (errors.size() == 1 ? "" : "s") + ".",
                errors);
    }

    Status status() {
        return status;
    }

    String code() {
        return code;
    }

    List<FieldError> errors() {
        return errors;
    }
}
