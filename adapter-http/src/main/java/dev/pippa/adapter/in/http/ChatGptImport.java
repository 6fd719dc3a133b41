package dev.pippa.adapter.in.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.pippa.application.port.in.ImportUseCases;
import dev.pippa.domain.DomainException;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.Role;
import dev.pippa.domain.transfer.ImportedConversation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads a ChatGPT data export's {@code conversations.json}: a list of conversations, each a tree of nodes
 * ({@code mapping}) whose branch ending at {@code current_node} is what its user last saw. The list is read
 * one conversation at a time (Jackson's streaming parser), so only one is held at once. Text parts are
 * imported; other parts (images, files, code runs) are skipped and counted.
 */
final class ChatGptImport implements Iterator<ImportUseCases.Item> {

    static final String SOURCE = "chatgpt";
    /** One conversation of the list at a time: what follows it in the list is not "trailing". */
    private static final ObjectReader ELEMENT = Json.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonParser parser;
    private long index = -1;
    private Boolean more;

    ChatGptImport(InputStream body) {
        try {
            this.parser = Json.MAPPER.getFactory().createParser(body);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ApiProblem.badRequest("malformed_body",
                        "A ChatGPT export's conversations.json is a JSON list of conversations.");
            }
        } catch (IOException e) {
            throw ApiProblem.badRequest("malformed_json", "The body is not JSON: " + e.getMessage());
        }
    }

    @Override
    public boolean hasNext() {
        if (more == null) {
            try {
                more = parser.nextToken() == JsonToken.START_OBJECT;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return more;
    }

    @Override
    public ImportUseCases.Item next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        more = null;
        index++;
        JsonNode conversation;
        try {
            conversation = ELEMENT.readTree(parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new ImportUseCases.Parsed(index, read(conversation));
        } catch (DomainException | IllegalArgumentException e) {
            return new ImportUseCases.Unreadable(index, "conversation " + index + ": " + e.getMessage());
        }
    }

    private static ImportedConversation read(JsonNode conversation) {
        String id = conversation.hasNonNull("conversation_id") ? conversation.get("conversation_id").asText()
                : conversation.path("id").asText(null);
        if (id == null) {
            throw new IllegalArgumentException("has no id");
        }
        Instant created = seconds(conversation.get("create_time"), Instant.EPOCH);
        List<ImportedConversation.Message> messages = new ArrayList<>();
        int skipped = 0;
        for (JsonNode node : branch(conversation)) {
            JsonNode message = node.get("message");
            if (message == null || message.isNull()) {
                continue;
            }
            JsonNode content = message.path("content");
            StringBuilder text = new StringBuilder();
            boolean textual = List.of("text", "multimodal_text").contains(content.path("content_type").asText());
            for (JsonNode part : content.path("parts")) {
                if (textual && part.isTextual()) {
                    text.append(text.isEmpty() ? "" : "\n").append(part.asText());
                } else {
                    skipped++;
                }
            }
            String role = message.path("author").path("role").asText("");
            if (text.toString().isBlank()) {
                continue; // nothing a reader would see (a hidden system turn, an image alone)
            }
            if (!List.of("system", "user", "assistant", "tool").contains(role)) {
                skipped++;
                continue;
            }
            messages.add(new ImportedConversation.Message(new NewMessage(Role.fromWireName(role), text.toString(),
                    Metadata.EMPTY), seconds(message.get("create_time"), created), null));
        }
        return new ImportedConversation(SOURCE, id, conversation.path("title").asText(null), Metadata.EMPTY,
                created, seconds(conversation.get("update_time"), null), messages, skipped,
                conversation.path("is_archived").asBoolean(false), false);
    }

    /** The nodes from the root to {@code current_node}, following parents (a loop ends the walk). */
    private static List<JsonNode> branch(JsonNode conversation) {
        JsonNode mapping = conversation.path("mapping");
        List<JsonNode> path = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String at = conversation.path("current_node").asText(null);
        while (at != null && seen.add(at) && mapping.has(at)) {
            JsonNode node = mapping.get(at);
            path.add(node);
            at = node.hasNonNull("parent") ? node.get("parent").asText() : null;
        }
        Collections.reverse(path);
        return path;
    }

    private static Instant seconds(JsonNode value, Instant otherwise) {
        if (value == null || !value.isNumber()) {
            return otherwise;
        }
        return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
    }
}
