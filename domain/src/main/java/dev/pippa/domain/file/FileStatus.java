package dev.pippa.domain.file;

import java.util.Locale;

/** A file is {@code processing} from its upload until its text is extracted, chunked and embedded. */
public enum FileStatus {
    PROCESSING, READY, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FileStatus fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
