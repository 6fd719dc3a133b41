package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.ImportUseCases;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * {@code POST /v1/import}: Pippa's NDJSON ({@code application/x-ndjson}) or a ChatGPT export's
 * {@code conversations.json} ({@code application/json}), read as it arrives (this route's body is not
 * gathered first, unlike every other), each conversation stored as soon as it is complete.
 */
public final class ImportHttpService {

    static final String PATH = "/v1/import";

    /** The report; each error's position is a {@code line} (NDJSON) or an {@code index} in the list. */
    record ReportJson(String object, long conversations, long messages, long skipped, long alreadyImported,
                      List<ErrorJson> errors) {
        record ErrorJson(Long line, Long index, String message) {
        }
    }

    private final ImportUseCases imports;
    private final long maxBytes;

    public ImportHttpService(ImportUseCases imports, long maxBytes) {
        this.imports = imports;
        this.maxBytes = maxBytes;
    }

    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(Method.POST, PATH, this::importFile));
    }

    private void importFile(ServerRequest request, ServerResponse response) {
        String type = request.headers().contentType().map(media -> media.mediaType().text()).orElse("");
        boolean ndjson = type.equals("application/x-ndjson");
        if (!ndjson && !type.equals("application/json")) {
            throw new ApiProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "Send Pippa's NDJSON export as application/x-ndjson, or a ChatGPT export's conversations.json"
                            + " as application/json.", List.of());
        }
        if (request.headers().contentLength().orElse(0) > maxBytes) {
            throw tooLarge();
        }
        InputStream body = new BoundedInputStream(request.content().inputStream(), maxBytes);
        Iterator<ImportUseCases.Item> items = ndjson
                ? new NdjsonImport(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)))
                : new ChatGptImport(body);
        ImportUseCases.Report report;
        try {
            report = imports.importConversations(AccessControl.ownerOf(request), items);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BoundedInputStream.TooLarge) {
                throw tooLarge();
            }
            throw ApiProblem.badRequest("incomplete_body", "The body could not be read to its end: "
                    + e.getCause().getMessage() + ". Conversations before that point were imported.");
        }
        Send.json(request, response, Status.OK_200, new ReportJson("import", report.conversations(),
                report.messages(), report.skipped(), report.alreadyImported(), report.errors().stream()
                .map(error -> new ReportJson.ErrorJson(ndjson ? error.position() : null,
                        ndjson ? null : error.position(), error.message())).toList()));
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large", "An import may be at most "
                + maxBytes / (1024 * 1024) + " MB (PIPPA_IMPORT_MAX_MB); conversations read before the limit was"
                + " reached were imported. Split the file and send the rest.", List.of());
    }
}
