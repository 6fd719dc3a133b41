package dev.pippa.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pippa.application.port.in.ImportUseCases;
import dev.pippa.domain.DomainException;
import dev.pippa.domain.Metadata;
import dev.pippa.domain.NewMessage;
import dev.pippa.domain.Role;
import dev.pippa.domain.transfer.ImportedConversation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads Pippa's own NDJSON export a line at a time: a conversation line starts a conversation, message
 * lines add to it, and it is handed over when the next conversation (or the end) comes, so only one
 * conversation is held at once. A bad line spoils its conversation, which is reported at that line; the
 * reader goes on at the next conversation.
 */
final class NdjsonImport implements Iterator<ImportUseCases.Item> {

    static final String SOURCE = "pippa";

    private final BufferedReader lines;
    private long lineNumber;
    private ImportUseCases.Item ready;
    private Builder current;
    private boolean ended;

    NdjsonImport(BufferedReader lines) {
        this.lines = lines;
    }

    /** A conversation being read, or (once broken) one being skipped to its end. */
    private static final class Builder {
        final long line;
        /** The conversation line, without messages. */
        final ImportedConversation header;
        final List<ImportedConversation.Message> messages = new ArrayList<>();
        String broken;
        long brokenAt;

        Builder(long line, ImportedConversation header) {
            this.line = line;
            this.header = header;
        }

        ImportUseCases.Item item() {
            return broken != null ? new ImportUseCases.Unreadable(brokenAt, broken)
                    : new ImportUseCases.Parsed(line, header.withMessages(messages));
        }
    }

    @Override
    public boolean hasNext() {
        while (ready == null && !ended) {
            readLine();
        }
        return ready != null;
    }

    @Override
    public ImportUseCases.Item next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ImportUseCases.Item item = ready;
        ready = null;
        return item;
    }

    private void readLine() {
        String line;
        try {
            line = lines.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (line == null) {
            ended = true;
            finishCurrent();
            return;
        }
        lineNumber++;
        if (line.isBlank()) {
            return;
        }
        try {
            JsonNode node = Json.parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String object = node.path("object").asText("");
            switch (object) {
                case "conversation" -> {
                    finishCurrent();
                    current = new Builder(lineNumber, new ImportedConversation(SOURCE, required(node, "id"),
                            text(node, "title"), metadata(node), time(node, "created_at"),
                            node.hasNonNull("updated_at") ? time(node, "updated_at") : null, List.of(), 0,
                            node.path("archived").asBoolean(false), node.path("pinned").asBoolean(false)));
                }
                case "message" -> addMessage(node);
                case "owner" -> finishCurrent(); // an operator's export of several owners: each part starts so
                default -> fail("is neither a conversation nor a message (\"object\" is \"" + object + "\")");
            }
        } catch (DomainException | ApiProblem | IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    private void addMessage(JsonNode node) {
        if (current == null) {
            throw new IllegalArgumentException("a message before any conversation");
        }
        if (current.broken == null) {
            current.messages.add(new ImportedConversation.Message(new NewMessage(Role.fromWireName(required(node, "role")),
                    required(node, "content"), metadata(node)), time(node, "created_at"),
                    node.hasNonNull("edited_at") ? time(node, "edited_at") : null));
        }
    }

    /** The line cannot be read: its conversation is skipped (a line outside any is reported alone). */
    private void fail(String why) {
        String message = "line " + lineNumber + ": " + why;
        if (current == null) {
            ready = new ImportUseCases.Unreadable(lineNumber, message);
        } else if (current.broken == null) {
            current.broken = message;
            current.brokenAt = lineNumber;
        }
    }

    private void finishCurrent() {
        if (current != null) {
            ready = current.item();
            current = null;
        }
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalArgumentException("\"" + field + "\" is required");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Metadata metadata(JsonNode node) {
        JsonNode metadata = node.get("metadata");
        if (metadata == null || metadata.isNull()) {
            return Metadata.EMPTY;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        metadata.properties().forEach(entry -> entries.put(entry.getKey(), entry.getValue().asText()));
        return Metadata.of(entries);
    }

    private static Instant time(JsonNode node, String field) {
        try {
            return Instant.parse(required(node, field));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not an RFC 3339 time");
        }
    }
}
