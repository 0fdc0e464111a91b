package org.gyrus.io.nifti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip stream that compresses blocks of its input on several threads, each block as its own gzip
 * member, written in order. Concatenated members are one valid gzip file (RFC 1952 §2.2; what
 * {@code cat a.gz b.gz} and bgzip make), which gzip, zlib, Python and nibabel read whole. Deflate is
 * the slow part of writing {@code .nii.gz}; this spreads it over the cores.
 */
final class ParallelGzipOutputStream extends OutputStream {

    static final int BLOCK = 4 << 20;

    private final OutputStream out;
    private final int level;
    private final ExecutorService pool;
    private final int maxInFlight;
    private final Deque<Future<byte[]>> pending = new ArrayDeque<>();
    private byte[] block = new byte[BLOCK];
    private int used;
    private boolean wroteMember;
    private boolean closed;

    ParallelGzipOutputStream(OutputStream out, int level, int threads) {
        this.out = out;
        this.level = level;
        this.maxInFlight = threads + 1;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gyrus-gzip");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void write(int b) throws IOException {
        if (used == block.length) {
            submit();
        }
        block[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == block.length) {
                submit();
            }
            int n = Math.min(len, block.length - used);
            System.arraycopy(b, off, block, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void submit() throws IOException {
        byte[] data = block;
        int length = used;
        pending.add(pool.submit(() -> compress(data, length, level)));
        wroteMember = true;
        block = new byte[BLOCK];
        used = 0;
        while (pending.size() >= maxInFlight) {
            drainOne();
        }
    }

    private static byte[] compress(byte[] data, int length, int level) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bos, 1 << 16) {
            {
                def.setLevel(level);
            }
        }) {
            gz.write(data, 0, length);
        }
        return bos.toByteArray();
    }

    private void drainOne() throws IOException {
        try {
            out.write(pending.removeFirst().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while compressing");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Compresses what is left and writes every member; does not close the underlying stream. */
    void finish() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (used > 0 || !wroteMember) {
                submit();
            }
            while (!pending.isEmpty()) {
                drainOne();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Gives up: stops the compressing threads without writing anything more. */
    void abort() {
        closed = true;
        pool.shutdownNow();
    }

    @Override
    public void close() throws IOException {
        finish();
    }
}
