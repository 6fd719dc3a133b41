package dev.pippa.adapter.in.http;

import dev.pippa.application.port.in.ExportUseCases;
import dev.pippa.application.port.in.ImportUseCases;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.Writer;
import java.util.Iterator;

/**
 * The export and import file formats, for use without HTTP ({@code pippa export} and {@code pippa import}):
 * the same NDJSON the API writes, and the same readers it uses.
 */
public final class Transfers {

    private Transfers() {
    }

    /** Writes conversations and messages as NDJSON lines, as {@code GET /v1/export} does. */
    public static ExportUseCases.Sink ndjson(Writer out) {
        return ExportFormat.NDJSON.to(out);
    }

    /** An NDJSON line that starts one owner's part of a file holding several (skipped by the readers). */
    public static String ownerLine(String ownerId, String email) {
        return new String(Json.write(new OwnerJson("owner", ownerId, email)), java.nio.charset.StandardCharsets.UTF_8)
                + "\n";
    }

    /** Pippa's NDJSON, read a line at a time. */
    public static Iterator<ImportUseCases.Item> readNdjson(BufferedReader lines) {
        return new NdjsonImport(lines);
    }

    /** A ChatGPT export's conversations.json, read a conversation at a time. */
    public static Iterator<ImportUseCases.Item> readChatGpt(InputStream body) {
        return new ChatGptImport(body);
    }

    private record OwnerJson(String object, String id, String email) {
    }
}
