package dev.pippa.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * docs/openapi.yaml (as packed into the jar) as the judge of responses: the operation must document the
 * status it answered, with the content type it sent, and the body must validate against that response's
 * schema (JSON Schema 2020-12 in the OpenAPI 3.1 dialect, by networknt's validator).
 */
final class OpenApiDocument {

    private static final String BASE = "https://pippa.invalid/openapi.json";

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    OpenApiDocument() {
        try {
            document = new ObjectMapper(new YAMLFactory()).readTree(ApiDocsService.resource(ApiDocsService.OPENAPI_RESOURCE));
            String json = new ObjectMapper().writeValueAsString(document);
            registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(BASE, json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that the operation {@code method path} documents {@code status} with {@code contentType}, and
     * that {@code body} validates against the schema documented for it.
     */
    void assertConforms(String method, String path, int status, String contentType, byte[] body) {
        String operation = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT);
        assertThat(document.at(operation).isMissingNode()).as("%s %s is documented", method, path).isFalse();
        String response = operation + "/responses/" + status;
        JsonNode responseNode = document.at(response);
        assertThat(responseNode.isMissingNode()).as("%s %s documents status %d", method, path, status).isFalse();
        if (responseNode.has("$ref")) {
            response = responseNode.get("$ref").asText().substring(1);
            responseNode = document.at(response);
        }
        if (!responseNode.has("content")) {
            assertThat(body).as("%s %s %d documents no body", method, path, status).isEmpty();
            return;
        }
        String mediaType = contentType.split(";")[0].strip();
        String schemaPointer = response + "/content/" + escape(mediaType) + "/schema";
        assertThat(document.at(schemaPointer).isMissingNode())
                .as("%s %s %d documents %s", method, path, status, mediaType).isFalse();
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            return; // YAML, HTML, Prometheus text: the documented media type is all a schema could say
        }
        assertValid(schemaPointer, body);
    }

    /** A JSON object that travels outside a response body (an event's data): one of the document's schemas. */
    void assertSchema(String component, byte[] body) {
        assertValid("/components/schemas/" + component, body);
    }

    /** For answers no operation lists (405 to a method a path does not have): the problem shape itself. */
    void assertProblem(byte[] body) {
        assertValid("/components/schemas/Problem", body);
    }

    private void assertValid(String schemaPointer, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<Error> errors = schemas.computeIfAbsent(schemaPointer,
                pointer -> registry.getSchema(SchemaLocation.of(BASE + "#" + pointer))).validate(text, InputFormat.JSON);
        assertThat(errors).as("%s against %s", text, schemaPointer).isEmpty();
    }

    /** JSON Pointer escaping of one reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
