package org.gyrus.pipeline.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Small helpers shared by the codecs: strings of any length and bulk arrays, big-endian. */
final class Binary {

    private static final int CHUNK = 1 << 14;

    private Binary() {
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        return new String(in.readNBytes(checkLength(n)), StandardCharsets.UTF_8);
    }

    static int checkLength(int n) throws IOException {
        if (n < 0) {
            throw new IOException("negative length " + n + " in cache entry");
        }
        return n;
    }

    static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 8);
        for (int i = 0; i < a.length; i += CHUNK) {
            buf.clear();
            int n = Math.min(CHUNK, a.length - i);
            buf.asDoubleBuffer().put(a, i, n);
            out.write(buf.array(), 0, n * 8);
        }
    }

    static double[] readDoubles(DataInputStream in) throws IOException {
        double[] a = new double[checkLength(in.readInt())];
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 8);
        for (int i = 0; i < a.length; i += CHUNK) {
            int n = Math.min(CHUNK, a.length - i);
            in.readFully(buf.array(), 0, n * 8);
            buf.clear();
            buf.asDoubleBuffer().get(a, i, n);
        }
        return a;
    }

    static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 4);
        for (int i = 0; i < a.length; i += CHUNK) {
            buf.clear();
            int n = Math.min(CHUNK, a.length - i);
            buf.asFloatBuffer().put(a, i, n);
            out.write(buf.array(), 0, n * 4);
        }
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        float[] a = new float[checkLength(in.readInt())];
        ByteBuffer buf = ByteBuffer.allocate(CHUNK * 4);
        for (int i = 0; i < a.length; i += CHUNK) {
            int n = Math.min(CHUNK, a.length - i);
            in.readFully(buf.array(), 0, n * 4);
            buf.clear();
            buf.asFloatBuffer().get(a, i, n);
        }
        return a;
    }

    static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int x : a) {
            out.writeInt(x);
        }
    }

    static int[] readInts(DataInputStream in) throws IOException {
        int[] a = new int[checkLength(in.readInt())];
        for (int i = 0; i < a.length; i++) {
            a[i] = in.readInt();
        }
        return a;
    }
}
