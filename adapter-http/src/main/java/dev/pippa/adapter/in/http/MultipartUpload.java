package dev.pippa.adapter.in.http;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.fileupload2.core.MultipartInput;

/**
 * The one file of a {@code multipart/form-data} upload (the part named {@code file}), read as it arrives
 * with Commons FileUpload's stream parser and bounded in size: its name as sent, and its bytes.
 */
final class MultipartUpload {

    /** The uploaded file. */
    record Part(String fileName, byte[] content) {
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FIELD_NAME = Pattern.compile("[;\\s]name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    /**
     * A body over the limit is still read to its end (and thrown away) up to this many times the limit, so a
     * client that sends its whole body before it reads the answer hears 413 instead of a reset connection.
     */
    static final int SWALLOW_FACTOR = 4;

    private MultipartUpload() {
    }

    static ApiProblem tooLarge(long maxBytes) {
        return new ApiProblem(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload_too_large", "A file may be at most "
                + maxBytes / (1024 * 1024) + " MB (PIPPA_FILES_MAX_MB).", List.of());
    }

    /** Reads what is left of the body, up to {@code limit} bytes. */
    private static void drain(InputStream raw, long limit) {
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try {
            for (int count = raw.read(buffer); count != -1 && read < limit; count = raw.read(buffer)) {
                read += count;
            }
        } catch (IOException e) {
            // the client went away: nobody is left to answer
        }
    }

    /** @throws ApiProblem 415 when it is not multipart, 400 when malformed or without a file part, 413 past the limit */
    static Part read(ServerRequest request, long maxBytes) {
        String contentType = request.headers().contentType().map(Object::toString).orElse("");
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !boundary.find()) {
            throw new ApiProblem(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "Upload the file as multipart/form-data, in a part named 'file'.", List.of());
        }
        String separator = boundary.group(2) != null ? boundary.group(2) : boundary.group(1);
        InputStream raw = request.content().inputStream();
        try {
            MultipartInput parts = MultipartInput.builder()
                    .setInputStream(new BoundedInputStream(raw, maxBytes + 64 * 1024))
                    .setBoundary(separator.getBytes(StandardCharsets.ISO_8859_1)).get();
            parts.setHeaderCharset(StandardCharsets.UTF_8);
            Part found = null;
            for (boolean more = parts.skipPreamble(); more; more = parts.readBoundary()) {
                String headers = parts.readHeaders();
                Matcher field = FIELD_NAME.matcher(headers);
                if (found == null && field.find() && field.group(1).equals("file")) {
                    ByteArrayOutputStream content = new ByteArrayOutputStream();
                    parts.readBodyData(content);
                    if (content.size() > maxBytes) {
                        throw new BoundedInputStream.TooLarge();
                    }
                    Matcher name = FILE_NAME.matcher(headers);
                    found = new Part(name.find() && !name.group(1).isBlank() ? name.group(1) : "upload", content.toByteArray());
                } else {
                    parts.discardBodyData();
                }
            }
            if (found == null) {
                throw ApiProblem.badRequest("missing_file", "The upload has no part named 'file'.");
            }
            return found;
        } catch (IOException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BoundedInputStream.TooLarge) {
                    drain(raw, SWALLOW_FACTOR * maxBytes);
                    throw tooLarge(maxBytes);
                }
            }
            throw ApiProblem.badRequest("malformed_body", "The multipart body cannot be read: " + e.getMessage()
                    + ".");
        }
    }
}
