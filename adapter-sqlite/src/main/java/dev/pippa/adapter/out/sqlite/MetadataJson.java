package dev.pippa.adapter.out.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.StorageException;
import java.util.LinkedHashMap;

/** Metadata is stored as a JSON object in a TEXT column; key order is kept. */
final class MetadataJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    private MetadataJson() {
    }

    static String write(Metadata metadata) {
        if (metadata.entries().isEmpty()) {
            return "{}";
        }
        try {
            return MAPPER.writeValueAsString(metadata.entries());
        } catch (JsonProcessingException e) {
            throw new StorageException("could not encode metadata", e);
        }
    }

    static Metadata read(String json) {
        if (json.equals("{}")) {
            return Metadata.EMPTY;
        }
        try {
            return Metadata.of(MAPPER.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new StorageException("stored metadata is not valid JSON", e);
        }
    }
}
