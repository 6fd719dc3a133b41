package dev.pippa.adapter.in.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body read as it arrives that may not go past a size limit ({@link TooLarge} past it). */
final class BoundedInputStream extends FilterInputStream {

    /** Thrown past the limit. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("over the size limit");
        }
    }

    private final long maxBytes;
    private long read;

    BoundedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        count(value < 0 ? 0 : 1);
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        count(Math.max(count, 0));
        return count;
    }

    private void count(int bytes) throws IOException {
        read += bytes;
        if (read > maxBytes) {
            throw new TooLarge();
        }
    }
}
