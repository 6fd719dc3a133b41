package dev.pippa.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
        return wellFormed(field, value.textValue());
    }

    /** A whole number; null when absent or JSON null. */
    Integer integer(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            errors.add(new ApiProblem.FieldError(field, "must be a whole number, got " + kind(value)));
            return null;
        }
        return value.intValue();
    }

    /** A number; null when absent or JSON null. */
    Double number(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            errors.add(new ApiProblem.FieldError(field, "must be a number, got " + kind(value)));
            return null;
        }
        return value.doubleValue();
    }

    /** A boolean; {@code otherwise} when absent or JSON null. */
    boolean bool(String field, boolean otherwise) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            errors.add(new ApiProblem.FieldError(field, "must be true or false, got " + kind(value)));
            return otherwise;
        }
        return value.booleanValue();
    }

    /** A boolean that may be left out: empty when absent or JSON null. */
    Optional<Boolean> flag(String field) {
        return body.hasNonNull(field) ? Optional.of(bool(field, false)) : Optional.empty();
    }

    /** The raw value of a field that may take several shapes; null when absent. */
    JsonNode raw(String field) {
        return body.get(field);
    }

    /** Whether binding already reported this field (so a null it left is not also "is required"). */
    boolean failed(String field) {
        return errors.stream().anyMatch(error -> error.field().equals(field) || error.field().startsWith(field + "."));
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
            String key = wellFormed(field, entry.getKey());
            if (key == null) {
                return;
            }
            if (entry.getValue().isTextual()) {
                String text = wellFormed(field + "." + key, entry.getValue().textValue());
                if (text != null) {
                    map.put(key, text);
                }
            } else {
                errors.add(new ApiProblem.FieldError(field + "." + entry.getKey(),
                        "must be a string, got " + kind(entry.getValue())));
            }
        });
        return map;
    }

    /**
     * JSON's \\uD800 escape can name half a surrogate pair, which no UTF-8 store can keep: it would be
     * acknowledged as sent and read back as '?'. Refused instead, naming the field; null then.
     */
    private String wellFormed(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                errors.add(new ApiProblem.FieldError(field, String.format(Locale.ROOT,
                        "contains an unpaired UTF-16 surrogate (\\u%04X at character %d); send valid Unicode text",
                        (int) c, i)));
                return null;
            }
        }
        return text;
    }

    /** Refuses the body (422) if any field read so far had the wrong type. */
    void requireNoErrors() {
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
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
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
