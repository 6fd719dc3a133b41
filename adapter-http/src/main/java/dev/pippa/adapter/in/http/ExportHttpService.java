package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.ExportUseCases;
import dev.pippa.domain.Conversation;
import dev.pippa.domain.Message;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Export, streamed: the response starts with the first conversation read and each page of messages goes
 * out as it is read, so a large export costs the server one page of memory. A conversation that does not
 * exist is a 404 before anything is sent.
 */
public final class ExportHttpService {

    static final String FORMAT = "format";
    private static final int BUFFER_CHARS = 32 * 1024;

    private final ExportUseCases export;

    public ExportHttpService(ExportUseCases export) {
        this.export = export;
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(Method.GET, ConversationHttpService.CONVERSATIONS + "/{conversation_id}/export",
                        Set.of(FORMAT), this::conversation),
                new ApiRoute(Method.GET, "/v1/export", Set.of(FORMAT), this::everything));
    }

    private void conversation(ServerRequest request, ServerResponse response) {
        ExportFormat format = format(request);
        String id = ConversationHttpService.conversationId(request).value();
        stream(response, format, id + "." + format.extension, sink -> export.exportConversation(
                AccessControl.ownerOf(request), ConversationHttpService.conversationId(request), sink));
    }

    private void everything(ServerRequest request, ServerResponse response) {
        ExportFormat format = format(request);
        if (format != ExportFormat.NDJSON) {
            throw ApiProblem.badParameter(FORMAT, "must be ndjson for a whole account (one conversation at a time"
                    + " takes json, markdown or csv)");
        }
        stream(response, format, "pippa-export-" + LocalDate.now(ZoneOffset.UTC) + "." + format.extension,
                sink -> export.exportAll(AccessControl.ownerOf(request), sink));
    }

    private static ExportFormat format(ServerRequest request) {
        return QueryParameters.single(request, FORMAT).map(ExportFormat::named).orElse(ExportFormat.NDJSON);
    }

    /** Sends the headers at the first conversation (so a 404 can still be answered), then everything. */
    private static void stream(ServerResponse response, ExportFormat format, String fileName,
                               Consumer<ExportUseCases.Sink> exporting) {
        Lazy lazy = new Lazy(response, format, fileName);
        try {
            exporting.accept(lazy);
            lazy.started().finish();
            lazy.writer.close();
        } catch (IOException | UncheckedIOException gone) {
            // the client left: nothing more to send
        }
    }

    /** Opens the response on first use, so nothing is committed before the export is known to exist. */
    private static final class Lazy implements ExportUseCases.Sink {
        private final ServerResponse response;
        private final ExportFormat format;
        private final String fileName;
        private Writer writer;
        private ExportFormat.Export export;

        Lazy(ServerResponse response, ExportFormat format, String fileName) {
            this.response = response;
            this.format = format;
            this.fileName = fileName;
        }

        ExportFormat.Export started() {
            if (export == null) {
                response.status(Status.OK_200);
                response.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, format.contentType));
                response.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
                writer = new BufferedWriter(new OutputStreamWriter(response.outputStream(), StandardCharsets.UTF_8),
                        BUFFER_CHARS);
                export = format.to(writer);
            }
            return export;
        }

        @Override
        public void conversation(Conversation conversation) {
            started().conversation(conversation);
        }

        @Override
        public void message(Message message) {
            started().message(message);
        }
    }
}
