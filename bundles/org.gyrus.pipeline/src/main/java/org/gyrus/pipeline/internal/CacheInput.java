package org.gyrus.pipeline.internal;

import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The input a codec reads a cache entry from: a data stream that knows its file and how far into
 * it it has read, so that a codec can leave a large part unread and load it later by offset.
 */
public final class CacheInput extends DataInputStream {

    private final Path file;
    private final Counter counter;

    private CacheInput(Counter counter, Path file) {
        super(counter);
        this.counter = counter;
        this.file = file;
    }

    /** An input over {@code in}, which starts {@code offset} bytes into {@code file}. */
    public static CacheInput of(InputStream in, Path file, long offset) {
        Counter c = new Counter(in);
        c.position = offset;
        return new CacheInput(c, file);
    }

    /** The cache file. */
    public Path file() {
        return file;
    }

    /** The offset in the file of the next byte to be read. */
    public long position() {
        return counter.position;
    }

    private static final class Counter extends FilterInputStream {
        long position;

        Counter(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            position += k;
            return k;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
