package org.gyrus.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Single-thread kernel variants on one item of W9 (a)'s forward. */
public final class KBench {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    static final int V = 8;

    interface K { void run(float[] x, int q, int[] offs, float[] wp, int wOff, float[] o, int oOff, int ldo); }

    // current 4x2
    static void k42(float[] x, int q, int[] offs, float[] wp, int wOff, float[] o, int oOff, int ldo) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        int wi = wOff;
        for (int k = 0; k < offs.length; k++) {
            int xi = offs[k] + q;
            FloatVector b0 = FloatVector.fromArray(S, x, xi);
            FloatVector b1 = FloatVector.fromArray(S, x, xi + V);
            FloatVector w = FloatVector.broadcast(S, wp[wi]);
            a00 = w.fma(b0, a00); a01 = w.fma(b1, a01);
            w = FloatVector.broadcast(S, wp[wi + 1]);
            a10 = w.fma(b0, a10); a11 = w.fma(b1, a11);
            w = FloatVector.broadcast(S, wp[wi + 2]);
            a20 = w.fma(b0, a20); a21 = w.fma(b1, a21);
            w = FloatVector.broadcast(S, wp[wi + 3]);
            a30 = w.fma(b0, a30); a31 = w.fma(b1, a31);
            wi += 4;
        }
        int o1 = oOff + ldo, o2 = o1 + ldo, o3 = o2 + ldo;
        a00.intoArray(o, oOff); a01.intoArray(o, oOff + V);
        a10.intoArray(o, o1); a11.intoArray(o, o1 + V);
        a20.intoArray(o, o2); a21.intoArray(o, o2 + V);
        a30.intoArray(o, o3); a31.intoArray(o, o3 + V);
    }

    // 4x2, k unrolled by 2 (offs.length even assumed here)
    static void k42u(float[] x, int q, int[] offs, float[] wp, int wOff, float[] o, int oOff, int ldo) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        int wi = wOff;
        int n = offs.length;
        for (int k = 0; k + 1 < n; k += 2) {
            int xi = offs[k] + q;
            FloatVector b0 = FloatVector.fromArray(S, x, xi);
            FloatVector b1 = FloatVector.fromArray(S, x, xi + V);
            FloatVector w = FloatVector.broadcast(S, wp[wi]);
            a00 = w.fma(b0, a00); a01 = w.fma(b1, a01);
            w = FloatVector.broadcast(S, wp[wi + 1]);
            a10 = w.fma(b0, a10); a11 = w.fma(b1, a11);
            w = FloatVector.broadcast(S, wp[wi + 2]);
            a20 = w.fma(b0, a20); a21 = w.fma(b1, a21);
            w = FloatVector.broadcast(S, wp[wi + 3]);
            a30 = w.fma(b0, a30); a31 = w.fma(b1, a31);
            xi = offs[k + 1] + q;
            b0 = FloatVector.fromArray(S, x, xi);
            b1 = FloatVector.fromArray(S, x, xi + V);
            w = FloatVector.broadcast(S, wp[wi + 4]);
            a00 = w.fma(b0, a00); a01 = w.fma(b1, a01);
            w = FloatVector.broadcast(S, wp[wi + 5]);
            a10 = w.fma(b0, a10); a11 = w.fma(b1, a11);
            w = FloatVector.broadcast(S, wp[wi + 6]);
            a20 = w.fma(b0, a20); a21 = w.fma(b1, a21);
            w = FloatVector.broadcast(S, wp[wi + 7]);
            a30 = w.fma(b0, a30); a31 = w.fma(b1, a31);
            wi += 8;
        }
        int o1 = oOff + ldo, o2 = o1 + ldo, o3 = o2 + ldo;
        a00.intoArray(o, oOff); a01.intoArray(o, oOff + V);
        a10.intoArray(o, o1); a11.intoArray(o, o1 + V);
        a20.intoArray(o, o2); a21.intoArray(o, o2 + V);
        a30.intoArray(o, o3); a31.intoArray(o, o3 + V);
    }

    // 3x3: 3 rows x 3 vectors (weights packed with MR=4; lane 3 ignored -> rows 0..2 of block)
    static void k33(float[] x, int q, int[] offs, float[] wp, int wOff, float[] o, int oOff, int ldo) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S), a22 = FloatVector.zero(S);
        int wi = wOff;
        for (int k = 0; k < offs.length; k++) {
            int xi = offs[k] + q;
            FloatVector b0 = FloatVector.fromArray(S, x, xi);
            FloatVector b1 = FloatVector.fromArray(S, x, xi + V);
            FloatVector b2 = FloatVector.fromArray(S, x, xi + 2 * V);
            FloatVector w = FloatVector.broadcast(S, wp[wi]);
            a00 = w.fma(b0, a00); a01 = w.fma(b1, a01); a02 = w.fma(b2, a02);
            w = FloatVector.broadcast(S, wp[wi + 1]);
            a10 = w.fma(b0, a10); a11 = w.fma(b1, a11); a12 = w.fma(b2, a12);
            w = FloatVector.broadcast(S, wp[wi + 2]);
            a20 = w.fma(b0, a20); a21 = w.fma(b1, a21); a22 = w.fma(b2, a22);
            wi += 4;
        }
        int o1 = oOff + ldo, o2 = o1 + ldo;
        a00.intoArray(o, oOff); a01.intoArray(o, oOff + V); a02.intoArray(o, oOff + 2 * V);
        a10.intoArray(o, o1); a11.intoArray(o, o1 + V); a12.intoArray(o, o1 + 2 * V);
        a20.intoArray(o, o2); a21.intoArray(o, o2 + V); a22.intoArray(o, o2 + 2 * V);
    }

    // 4x2 with weights as 4-lane vector? no: 4x2 with explicit local copy of wp hoisting not possible. 6x2 variant (weights MR=8 packing; rows 0..5)
    static void k62(float[] x, int q, int[] offs, float[] wp, int wOff, float[] o, int oOff, int ldo) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S), a41 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S), a51 = FloatVector.zero(S);
        int wi = wOff;
        for (int k = 0; k < offs.length; k++) {
            int xi = offs[k] + q;
            FloatVector b0 = FloatVector.fromArray(S, x, xi);
            FloatVector b1 = FloatVector.fromArray(S, x, xi + V);
            FloatVector w = FloatVector.broadcast(S, wp[wi]);
            a00 = w.fma(b0, a00); a01 = w.fma(b1, a01);
            w = FloatVector.broadcast(S, wp[wi + 1]);
            a10 = w.fma(b0, a10); a11 = w.fma(b1, a11);
            w = FloatVector.broadcast(S, wp[wi + 2]);
            a20 = w.fma(b0, a20); a21 = w.fma(b1, a21);
            w = FloatVector.broadcast(S, wp[wi + 3]);
            a30 = w.fma(b0, a30); a31 = w.fma(b1, a31);
            w = FloatVector.broadcast(S, wp[wi + 4]);
            a40 = w.fma(b0, a40); a41 = w.fma(b1, a41);
            w = FloatVector.broadcast(S, wp[wi + 5]);
            a50 = w.fma(b0, a50); a51 = w.fma(b1, a51);
            wi += 8;
        }
        int o1 = oOff + ldo, o2 = o1 + ldo, o3 = o2 + ldo, o4 = o3 + ldo, o5 = o4 + ldo;
        a00.intoArray(o, oOff); a01.intoArray(o, oOff + V);
        a10.intoArray(o, o1); a11.intoArray(o, o1 + V);
        a20.intoArray(o, o2); a21.intoArray(o, o2 + V);
        a30.intoArray(o, o3); a31.intoArray(o, o3 + V);
        a40.intoArray(o, o4); a41.intoArray(o, o4 + V);
        a50.intoArray(o, o5); a51.intoArray(o, o5 + V);
    }

    static double run(String name, K k, int rowsPerBlock, int mrPack, float[] buf, int[] offs, float[] wp, int cout, int qt, float[] o, int reps) {
        int blocks = (cout + rowsPerBlock - 1) / rowsPerBlock;
        int cinTaps = offs.length;
        long best = Long.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int it = 0; it < 32; it++) {
                for (int q = 0; q < qt; q += 16) {
                    for (int b = 0; b < blocks; b++) {
                        k.run(buf, q, offs, wp, (b % (64 / mrPack)) * cinTaps * mrPack, o, b * rowsPerBlock * qt + q, qt);
                    }
                }
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        double flop = 2.0 * blocks * rowsPerBlock * qt * cinTaps * 32;
        double gf = flop / best;
        System.out.printf("%s: %.2f ms per 32 items, %.1f GFLOP/s (incl. padded positions)%n", name, best / 1e6, gf);
        return gf;
    }


    static long cpu() { return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }
    static long loop42(float[] buf, int[] offs, float[] wp, int qt, float[] o) {
        long t0 = cpu();
        int n = offs.length;
        for (int it = 0; it < 32; it++) for (int q = 0; q < qt; q += 16) for (int b = 0; b < 16; b++) k42(buf, q, offs, wp, b * n * 4, o, b * 4 * qt + q, qt);
        return cpu() - t0;
    }
    static long loop62(float[] buf, int[] offs, float[] wp, int qt, float[] o) {
        long t0 = cpu();
        int n = offs.length;
        for (int it = 0; it < 32; it++) for (int q = 0; q < qt; q += 16) for (int b = 0; b < 10; b++) k62(buf, q, offs, wp, b * n * 8, o, b * 6 * qt + q, qt);
        return cpu() - t0;
    }
    public static void main(String[] a) {
        int cin = Integer.parseInt(a.length > 0 ? a[0] : "32");
        int[] big = {1, 28, 28};
        PaddedGrid g = new PaddedGrid(big, new int[] {0, 1, 1}, big, new int[] {1, 3, 3}, new int[] {1, 1, 1});
        int cs = g.channelStride(0, g.outer(), 16);
        float[] buf = new float[cin * cs];
        for (int i = 0; i < buf.length; i++) buf[i] = (float) Math.sin(i);
        int taps = g.taps.length;
        int[] offs = new int[cin * taps];
        for (int c = 0; c < cin; c++) for (int t = 0; t < taps; t++) offs[c * taps + t] = c * cs + g.taps[t];
        int qt = (g.span(0, g.outer()) + 15) / 16 * 16;
        float[] w = new float[64 * cin * taps];
        for (int i = 0; i < w.length; i++) w[i] = (float) Math.cos(i);
        float[] wp4 = DirectConv.pack(w, 64, cin, taps, false);
        float[] wp8 = new float[10 * 8 * cin * taps];
        for (int i = 0; i < wp8.length; i++) wp8[i] = (float) Math.cos(i);
        float[] o = new float[72 * qt];
        for (int r = 0; r < 12; r++) {
            double f42 = 2.0 * 64 * qt * offs.length * 32, f62 = 2.0 * 60 * qt * offs.length * 32;
            long t42 = loop42(buf, offs, wp4, qt, o), t62 = loop62(buf, offs, wp8, qt, o);
            System.out.printf("k42 %.1f GFLOP/s   k62 %.1f GFLOP/s (thread CPU time)%n", f42 / t42, f62 / t62);
        }
    }
}
