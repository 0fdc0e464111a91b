package org.gyrus.io.nifti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.zip.GZIPOutputStream;

import org.gyrus.nn.linalg.Parallel;

/**
 * A gzip stream that compresses blocks of its input on the free threads of the thread budget
 * ({@link Parallel#tryStart}; on the writing thread when none is free), each block as its own gzip
 * member, written in order. Concatenated members are one valid gzip file (RFC 1952 §2.2; what
 * {@code cat a.gz b.gz} and bgzip make), which gzip, zlib, Python and nibabel read whole. Deflate is
 * the slow part of writing {@code .nii.gz}; this spreads it over the budget's threads.
 */
final class ParallelGzipOutputStream extends OutputStream {

    static final int BLOCK = 4 << 20;

    private final OutputStream out;
    private final int level;
    private final int maxInFlight;
    private final Deque<FutureTask<byte[]>> pending = new ArrayDeque<>();
    private byte[] block = new byte[BLOCK];
    private int used;
    private boolean wroteMember;
    private boolean closed;

    /** A stream keeping at most {@code threads + 1} blocks in flight. */
    ParallelGzipOutputStream(OutputStream out, int level, int threads) {
        this.out = out;
        this.level = level;
        this.maxInFlight = threads + 1;
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
        FutureTask<byte[]> task = new FutureTask<>(() -> compress(data, length, level));
        if (Parallel.tryStart(task) == null) {
            task.run(); // no thread of the budget is free: compress here
        }
        pending.add(task);
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
            abort();
        }
    }

    /** Gives up: stops the compressing threads without writing anything more. */
    void abort() {
        closed = true;
        for (Future<byte[]> f : pending) {
            f.cancel(true);
        }
        pending.clear();
    }

    @Override
    public void close() throws IOException {
        finish();
    }
}
