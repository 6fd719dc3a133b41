package dev.pippa.adapter.in.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads an {@code application/x-www-form-urlencoded} body (the OAuth2 token request's media type). */
final class Forms {

    static final int MAX_FORM_BYTES = 16 * 1024;

    private Forms() {
    }

    /** The fields of the form; a field given twice is refused, as OAuth2 requires (RFC 6749 §3.2). */
    static Map<String, String> read(ServerRequest request) {
        boolean form = request.headers().contentType()
                .map(type -> type.type().equals("application") && type.subtype().equals("x-www-form-urlencoded"))
                .orElse(false);
        if (!form) {
            throw new ApiProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "Send the body as application/x-www-form-urlencoded.", List.of());
        }
        String body = new String(RequestBodies.readBounded(request, MAX_FORM_BYTES), StandardCharsets.UTF_8);
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (fields.putIfAbsent(name, value) != null) {
                throw ApiProblem.badRequest("invalid_request", "Form field '" + name + "' is given more than once.");
            }
        }
        return fields;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("invalid_request", "The form body is not valid percent-encoding.");
        }
    }
}
