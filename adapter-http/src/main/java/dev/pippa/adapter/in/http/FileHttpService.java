package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.FileUseCases;
import dev.pippa.application.port.in.UnsupportedFileTypeException;
import dev.pippa.domain.ConversationId;
import dev.pippa.domain.OwnerId;
import dev.pippa.domain.PageRequest;
import dev.pippa.domain.SortOrder;
import dev.pippa.domain.file.FileId;
import dev.pippa.domain.file.StoredFile;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * The knowledge base: {@code /v1/files} (upload as {@code multipart/form-data}, list, get, delete) and a
 * conversation's attached files. The upload is read as it arrives, bounded by {@code PIPPA_FILES_MAX_MB}.
 * Without embeddings every route answers 501: files are found by meaning only.
 */
public final class FileHttpService {

    static final String FILES = "/v1/files";
    private static final String ATTACHED = ConversationHttpService.CONVERSATIONS + "/{conversation_id}/files";

    /** A file as the API shows it; {@code error} is null unless it failed. */
    record FileJson(String id, String object, String name, String mediaType, long size, String status, String error,
                    int chunks, String createdAt) {

        static FileJson from(StoredFile file) {
            return new FileJson(file.id().value(), "file", file.name(), file.mediaType(), file.size(),
                    file.status().wireName(), file.error(), file.chunks(), Json.timestamp(file.createdAt()));
        }
    }

    private final Optional<FileUseCases> files;
    private final long maxBytes;
    private final CursorSeal cursors;
    private final Runnable uploaded;

    /**
     * @param files    empty when embeddings are off
     * @param uploaded told after each upload, so processing need not wait for its next look
     */
    public FileHttpService(Optional<FileUseCases> files, long maxBytes, byte[] cursorKey, Runnable uploaded) {
        this.files = files;
        this.maxBytes = maxBytes;
        this.cursors = new CursorSeal(cursorKey);
        this.uploaded = uploaded;
    }

    /** Whether this request is an upload, whose body is read here as it arrives. */
    static boolean isUpload(String method, String path) {
        return method.equals("POST") && path.equals(FILES);
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(Method.POST, FILES, this::upload),
                new ApiRoute(Method.GET, FILES, java.util.Set.of("limit", "cursor"), this::list),
                new ApiRoute(Method.GET, FILES + "/{file_id}", this::get),
                new ApiRoute(Method.DELETE, FILES + "/{file_id}", this::delete),
                new ApiRoute(Method.GET, ATTACHED, this::attached),
                new ApiRoute(Method.POST, ATTACHED, this::attach),
                new ApiRoute(Method.DELETE, ATTACHED + "/{file_id}", this::detach));
    }

    private void upload(ServerRequest request, ServerResponse response) {
        FileUseCases enabled = enabled();
        OwnerId owner = AccessControl.ownerOf(request);
        if (request.headers().contentLength().orElse(0) > MultipartUpload.SWALLOW_FACTOR * maxBytes) {
            response.header(io.helidon.http.HeaderValues.CONNECTION_CLOSE); // far too large to read through
            throw MultipartUpload.tooLarge(maxBytes);
        }
        MultipartUpload.Part part = MultipartUpload.read(request, maxBytes);
        StoredFile file;
        try {
            file = enabled.upload(owner, part.fileName(), part.content());
        } catch (UnsupportedFileTypeException e) {
            throw new ApiProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_file_type", e.getMessage(), List.of());
        }
        uploaded.run();
        response.header(HeaderNames.LOCATION, FILES + "/" + file.id().value());
        Send.json(request, response, Status.CREATED_201, FileJson.from(file));
    }

    private void list(ServerRequest request, ServerResponse response) {
        FileUseCases enabled = enabled();
        PageRequest page = QueryParameters.page(request, SortOrder.DESC, cursors);
        OwnerId owner = AccessControl.ownerOf(request);
        Send.json(request, response, Status.OK_200, Responses.ListJson.from(
                QueryParameters.asParameterError(() -> enabled.list(owner, page)), FileJson::from, cursors));
    }

    private void get(ServerRequest request, ServerResponse response) {
        Send.json(request, response, Status.OK_200,
                FileJson.from(enabled().get(AccessControl.ownerOf(request), fileId(request))));
    }

    private void delete(ServerRequest request, ServerResponse response) {
        enabled().delete(AccessControl.ownerOf(request), fileId(request));
        response.status(Status.NO_CONTENT_204).send();
    }

    private void attached(ServerRequest request, ServerResponse response) {
        List<StoredFile> attached = enabled().attached(AccessControl.ownerOf(request),
                ConversationHttpService.conversationId(request));
        Send.json(request, response, Status.OK_200, new Responses.ListJson<>("list",
                attached.stream().map(FileJson::from).toList(), false, null));
    }

    /** {@code {"file_id": …}}: answers the attached file. */
    private void attach(ServerRequest request, ServerResponse response) {
        FileUseCases enabled = enabled();
        BodyFields fields = new BodyFields(RequestBodies.readObject(request));
        String id = fields.string("file_id");
        fields.requireNoErrors();
        if (id == null) {
            throw ApiProblem.validation(List.of(new ApiProblem.FieldError("file_id", "is required")));
        }
        FileId file = new FileId(id);
        OwnerId owner = AccessControl.ownerOf(request);
        enabled.attach(owner, ConversationHttpService.conversationId(request), file);
        Send.json(request, response, Status.OK_200, FileJson.from(enabled.get(owner, file)));
    }

    private void detach(ServerRequest request, ServerResponse response) {
        enabled().detach(AccessControl.ownerOf(request), ConversationHttpService.conversationId(request),
                fileId(request));
        response.status(Status.NO_CONTENT_204).send();
    }

    private static FileId fileId(ServerRequest request) {
        return ConversationHttpService.pathId(request, "file_id", FileId::new, "file");
    }

    private FileUseCases enabled() {
        return files.orElseThrow(() -> new ApiProblem(Status.NOT_IMPLEMENTED_501, "embeddings_not_configured",
                "Files are searched by meaning, and embeddings are off on this server: set PIPPA_EMBEDDINGS=minilm"
                        + " (see docs/search.md).", List.of()));
    }
}
