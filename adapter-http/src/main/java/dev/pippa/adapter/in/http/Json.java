package dev.pippa.adapter.in.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The one JSON configuration of the API: snake_case out, strict about duplicates and nesting in. */
final class Json {

    /** Far below Jackson's own default of 1000: no Pippa request is nested more than three levels. */
    private static final int MAX_NESTING_DEPTH = 64;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .addModule(new BlackbirdModule())
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build());
    }

    private static final DateTimeFormatter RFC_3339_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    /** RFC 3339 UTC with milliseconds, e.g. 2026-11-22T20:02:20.332Z (hand-rolled: it runs per message). */
    static String timestamp(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return RFC_3339_MILLIS.format(instant);
        }
        char[] out = "0000-00-00T00:00:00.000Z".toCharArray();
        digits(out, 0, 4, time.getYear());
        digits(out, 5, 2, time.getMonthValue());
        digits(out, 8, 2, time.getDayOfMonth());
        digits(out, 11, 2, time.getHour());
        digits(out, 14, 2, time.getMinute());
        digits(out, 17, 2, time.getSecond());
        digits(out, 20, 3, time.getNano() / 1_000_000);
        return new String(out);
    }

    private static void digits(char[] out, int start, int width, int value) {
        for (int i = start + width - 1; i >= start; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (StreamConstraintsException e) {
            throw ApiProblem.badRequest("malformed_json", "The request body is nested more than " + MAX_NESTING_DEPTH
                    + " levels deep.");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable: " + value.getClass(), e);
        }
    }

    /**
     * Parses a request body; any syntax problem becomes a 400 naming where it is. The bytes must be strict
     * UTF-8: Jackson would decode an overlong form such as C0 AF as '/', storing what the client never sent.
     */
    static JsonNode parse(byte[] body) {
        requireUtf8(body);
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiProblem.badRequest("malformed_json", "The request body is empty; send a JSON object.");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw ApiProblem.badRequest("malformed_json", "The request body is nested more than " + MAX_NESTING_DEPTH
                    + " levels deep.");
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("malformed_json", "The request body is not valid JSON: " + e.getOriginalMessage()
                    + locationOf(e));
        } catch (IOException e) {
            throw ApiProblem.badRequest("malformed_json", "The request body could not be read.");
        }
    }

    private static void requireUtf8(byte[] body) {
        for (byte b : body) {
            if (b < 0) { // a non-ASCII byte: only now is the strict decoder worth its cost
                try {
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
                } catch (CharacterCodingException e) {
                    throw ApiProblem.badRequest("malformed_json", "The request body is not valid UTF-8.");
                }
                return;
            }
        }
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
