package dev.pippa.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes typed fields out of a JSON object, collecting a type error per field instead of failing on the
 * first, so one response can name everything wrong. Unknown fields are ignored.
 */
final class BodyFields {

    private final ObjectNode body;
    private final List<ApiProblem.FieldError> errors = new ArrayList<>();

    BodyFields(ObjectNode body) {
        this.body = body;
    }

    boolean has(String field) {
        return body.has(field);
    }

    /** The string value; null when absent or JSON null. */
    String string(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new ApiProblem.FieldError(field, "must be a string, got " + kind(value)));
            return null;
        }
        return value.textValue();
    }

    /** A flat object of strings; null when absent or JSON null. */
    Map<String, String> stringMap(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.add(new ApiProblem.FieldError(field, "must be an object of strings, got " + kind(value)));
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        value.properties().forEach(entry -> {
            if (entry.getValue().isTextual()) {
                map.put(entry.getKey(), entry.getValue().textValue());
            } else {
                errors.add(new ApiProblem.FieldError(field + "." + entry.getKey(),
                        "must be a string, got " + kind(entry.getValue())));
            }
        });
        return map;
    }

    List<ApiProblem.FieldError> errors() {
        return errors;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
