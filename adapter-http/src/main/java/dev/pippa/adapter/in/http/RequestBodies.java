package dev.pippa.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Optional;

/** Takes a received request body under a size limit; JSON bodies refuse other media types. */
final class RequestBodies {

    static final int MAX_BODY_BYTES = 1024 * 1024;

    private RequestBodies() {
    }

    static ObjectNode readObject(ServerRequest request) {
        requireJson(request.headers().contentType());
        JsonNode node = Json.parse(readBounded(request, MAX_BODY_BYTES));
        if (!(node instanceof ObjectNode object)) {
            throw ApiProblem.validation(List.of(new ApiProblem.FieldError("body", "must be a JSON object")));
        }
        return object;
    }

    private static void requireJson(Optional<HttpMediaType> contentType) {
        boolean json = contentType.map(type -> type.subtype().equals("json") || type.subtype().endsWith("+json"))
                .orElse(false);
        if (!json || !contentType.get().type().equals("application")) {
            throw new ApiProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "Send the body as application/json" + contentType.map(t -> ", not " + t.text()).orElse("") + ".",
                    List.of());
        }
    }

    /** The body {@link BodyReception} received (at most {@link #MAX_BODY_BYTES}), if within this smaller limit. */
    static byte[] readBounded(ServerRequest request, int maxBytes) {
        byte[] body = BodyReception.of(request);
        if (body.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return body;
    }

    static ApiProblem tooLarge(int maxBytes) {
        return new ApiProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large",
                "The request body exceeds " + maxBytes + " bytes.", List.of());
    }
}
