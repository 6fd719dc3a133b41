package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.ExportUseCases;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The export formats, each writing conversations and messages as they come ({@link ExportUseCases.Sink}),
 * straight to the response: NDJSON (lossless, one API object per line), JSON (one document), Markdown (for
 * people) and CSV (for spreadsheets).
 */
enum ExportFormat {
    NDJSON("application/x-ndjson", "ndjson"),
    JSON("application/json", "json"),
    MARKDOWN("text/markdown; charset=utf-8", "md"),
    CSV("text/csv; charset=utf-8", "csv");

    final String contentType;
    final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ExportFormat named(String raw) {
        return Arrays.stream(values()).filter(format -> format.wireName().equals(raw)).findFirst()
                .orElseThrow(() -> ApiProblem.badParameter("format", "must be one of ndjson, json, markdown, csv"));
    }

    /** A writer of this format onto {@code out}; {@link Export#finish()} ends the document. */
    Export to(Writer out) {
        return switch (this) {
            case NDJSON -> new Ndjson(out);
            case JSON -> new JsonDocument(out);
            case MARKDOWN -> new Markdown(out);
            case CSV -> new Csv(out);
        };
    }

    /** A sink that writes; I/O failures (the client left) are unchecked, and end the export. */
    abstract static class Export implements ExportUseCases.Sink {
        final Writer out;

        Export(Writer out) {
            this.out = out;
        }

        void write(String text) {
            try {
                out.write(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void json(Object value) {
            write(new String(Json.write(value), java.nio.charset.StandardCharsets.UTF_8));
        }

        void finish() {
        }
    }

    private static final class Ndjson extends Export {
        Ndjson(Writer out) {
            super(out);
        }

        @Override
        public void conversation(Conversation conversation) {
            json(Responses.ConversationJson.from(conversation));
            write("\n");
        }

        @Override
        public void message(Message message) {
            json(Responses.MessageJson.from(message));
            write("\n");
        }
    }

    /** {@code {"conversations":[{"conversation":{…},"messages":[…]}, …]}}. */
    private static final class JsonDocument extends Export {
        private boolean anyConversation;
        private boolean anyMessage;

        JsonDocument(Writer out) {
            super(out);
            write("{\"object\":\"export\",\"conversations\":[");
        }

        @Override
        public void conversation(Conversation conversation) {
            write(anyConversation ? "]},{\"conversation\":" : "{\"conversation\":");
            json(Responses.ConversationJson.from(conversation));
            write(",\"messages\":[");
            anyConversation = true;
            anyMessage = false;
        }

        @Override
        public void message(Message message) {
            write(anyMessage ? "," : "");
            json(Responses.MessageJson.from(message));
            anyMessage = true;
        }

        @Override
        void finish() {
            write(anyConversation ? "]}]}" : "]}");
        }
    }

    private static final class Markdown extends Export {
        Markdown(Writer out) {
            super(out);
        }

        @Override
        public void conversation(Conversation conversation) {
            String title = conversation.title() == null || conversation.title().isBlank() ? "Untitled conversation"
                    : conversation.title().replace('\n', ' ');
            write("# " + title + "\n\n_" + conversation.id().value() + ", started "
                    + Json.timestamp(conversation.createdAt()) + "_\n\n");
        }

        @Override
        public void message(Message message) {
            write("**" + message.role().wireName() + "** · " + Json.timestamp(message.createdAt()) + "\n\n"
                    + message.content() + "\n\n---\n\n");
        }
    }

    /** RFC 4180, by Commons CSV: {@code conversation_id,message_id,role,created_at,content}. */
    private static final class Csv extends Export {
        private final CSVPrinter printer;

        Csv(Writer out) {
            super(out);
            try {
                printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                        .setHeader("conversation_id", "message_id", "role", "created_at", "content").get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void conversation(Conversation conversation) {
        }

        @Override
        public void message(Message message) {
            try {
                printer.printRecord(message.conversationId().value(), message.id().value(), message.role().wireName(),
                        Json.timestamp(message.createdAt()), message.content());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
