package org.gyrus.nn;

import java.util.Arrays;
import org.gyrus.nn.linalg.Gemm;
import org.gyrus.nn.linalg.Parallel;

/**
 * Convolutions and transposed convolutions in 1, 2 or 3 spatial dimensions (NCL, NCHW, NCDHW).
 * Stride-1 convolutions with one group go to {@link DirectConv} (a padded copy and a direct
 * kernel); the rest run by im2col and the engine's GEMM, as PyTorch does on the CPU.
 *
 * <p>On the im2col path, each batch item is cut into chunks of output columns so that its column matrix stays a few
 * megabytes; the matrix lives in a per-thread {@link Workspace} reused by every call. Backward
 * recomputes the column matrix instead of keeping it from forward: recording a network then holds
 * only its activations, not one column matrix per layer (nine times an activation for 3x3). Chunks
 * run in parallel when there are several, otherwise the GEMM itself is threaded.
 */
final class Convolution {

    /** Floats per column-matrix chunk (2 MB); tests lower it to exercise the chunked paths. */
    static int chunkFloats = 1 << 19;

    private Convolution() {
    }

    /** Work items {@code [0, tasks)}; {@code threaded} says whether the item may thread its GEMMs. */
    @FunctionalInterface
    private interface Task {
        void run(int task, boolean threaded);
    }

    /** Runs independent tasks spread over the thread budget, or one by one with threaded GEMMs. */
    private static void runTasks(int tasks, Task body) {
        if (tasks >= 2 && Parallel.threads() > 1) {
            Parallel.forRange(tasks, 1, (from, to) -> {
                for (int t = from; t < to; t++) {
                    body.run(t, false);
                }
            });
        } else {
            for (int t = 0; t < tasks; t++) {
                body.run(t, true);
            }
        }
    }

    private static void gemm(boolean threaded, boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        if (threaded) {
            Gemm.sgemm(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            Gemm.sgemmSerial(transA, transB, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    /** Columns per chunk: the whole grid if it fits, else a multiple of 16. */
    private static int chunkColumns(int rows, int columns) {
        int lc = Math.max(16, chunkFloats / Math.max(1, rows));
        return lc >= columns ? columns : lc / 16 * 16;
    }

    private static int[] spatial(int[] shape, int from) {
        return Arrays.copyOfRange(shape, from, shape.length);
    }

    private static void checkArrays(String op, int sp, int[] stride, int[] padBefore, int[] padAfter, int[] dilation) {
        for (int[] a : new int[][] {stride, padBefore, padAfter, dilation}) {
            if (a.length != sp) {
                throw new IllegalArgumentException(op + ": stride, padding and dilation need " + sp
                        + " values each (one per spatial axis), got " + Arrays.toString(a));
            }
        }
        for (int i = 0; i < sp; i++) {
            if (stride[i] < 1 || dilation[i] < 1 || padBefore[i] < 0 || padAfter[i] < 0) {
                throw new IllegalArgumentException(op + ": stride and dilation must be >= 1 and padding >= 0, got stride "
                        + Arrays.toString(stride) + ", padding " + Arrays.toString(padBefore) + "/"
                        + Arrays.toString(padAfter) + ", dilation " + Arrays.toString(dilation));
            }
        }
    }

    private static int spatialRank(String op, Tensor x, Tensor w) {
        int sp = w.shape.length - 2;
        if (sp < 1 || sp > 3) {
            throw new IllegalArgumentException(op + ": weight must have 3 to 5 axes, got " + Arrays.toString(w.shape));
        }
        if (x.shape.length != sp + 2) {
            throw new IllegalArgumentException(op + ": input must have " + (sp + 2) + " axes (N, C, "
                    + (sp == 1 ? "L" : sp == 2 ? "H, W" : "D, H, W") + ") for weight " + Arrays.toString(w.shape)
                    + ", got " + Arrays.toString(x.shape));
        }
        return sp;
    }

    private static void biasBackward(Tensor bias, float[] g, int n, int channels, int plane) {
        if (bias == null || !bias.requiresGrad()) {
            return;
        }
        float[] gb = bias.gradBuffer();
        // Channels in parallel (each summed by one thread, so the result does not depend on the
        // split); four running sums per channel, as one chain of dependent adds is latency-bound.
        Parallel.forRange(channels, Math.max(1, (1 << 16) / Math.max(1, n * plane)), (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += sum(g, (i * channels + c) * plane, plane);
                }
                gb[c] += (float) s;
            }
        });
    }

    /**
     * The sum of {@code g[from, from + n)} in double, four running sums (one chain of dependent
     * adds is latency-bound).
     */
    static double sum(float[] g, int from, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int l = from;
        int end = from + n;
        for (; l + 4 <= end; l += 4) {
            s0 += g[l];
            s1 += g[l + 1];
            s2 += g[l + 2];
            s3 += g[l + 3];
        }
        for (; l < end; l++) {
            s0 += g[l];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void fillBias(float[] out, int off, Tensor bias, int channels, int plane) {
        for (int c = 0; c < channels; c++) {
            Arrays.fill(out, off + c * plane, off + (c + 1) * plane, bias.data[c]);
        }
    }

    /** Sums per-part gradient copies into the parameter's gradient (part 0 wrote there directly). */
    private static void reduceParts(float[][] parts, float[] into) {
        for (int p = 1; p < parts.length; p++) {
            float[] part = parts[p];
            for (int i = 0; i < into.length; i++) {
                into[i] += part[i];
            }
        }
    }

    // ------------------------------------------------------------------ convolution

    static Tensor conv(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padBefore, int[] padAfter,
                       int[] dilation, int groups) {
        String op = "conv" + (w.shape.length - 2) + "d";
        int sp = spatialRank(op, x, w);
        checkArrays(op, sp, stride, padBefore, padAfter, dilation);
        int batch = x.shape[0];
        int cin = x.shape[1];
        int cout = w.shape[0];
        int cinG = w.shape[1];
        if (groups < 1 || cout % groups != 0 || cinG * groups != cin) {
            throw new IllegalArgumentException(op + ": input has " + cin + " channels, weight " + Arrays.toString(w.shape)
                    + " with groups=" + groups + " expects " + cinG * groups + " (and out channels divisible by groups)");
        }
        if (bias != null && bias.data.length != cout) {
            throw new IllegalArgumentException(op + ": bias has " + bias.data.length + " values, expected " + cout);
        }
        int[] in = spatial(x.shape, 2);
        int[] kernel = spatial(w.shape, 2);
        int[] outDims = new int[sp];
        for (int i = 0; i < sp; i++) {
            outDims[i] = ConvGeometry.convOut(in[i], kernel[i], stride[i], padBefore[i] + padAfter[i], dilation[i]);
            if (outDims[i] < 1) {
                throw new IllegalArgumentException(op + ": input " + Arrays.toString(x.shape) + " is smaller than the dilated kernel "
                        + Arrays.toString(kernel) + " (dilation " + Arrays.toString(dilation) + ", padding "
                        + Arrays.toString(padBefore) + ")");
            }
        }
        ConvGeometry geo = new ConvGeometry(cin, in, outDims, kernel, stride, padBefore, dilation);
        int k = geo.kernelSize();
        int columns = geo.smallSize();
        float[] xd = x.data;
        float[] wd = w.data;
        PaddedGrid[] grids = DirectConv.applies(kernel, stride, padBefore, padAfter, dilation, groups)
                ? DirectConv.grids(geo) : null;
        float[] out = grids != null
                ? DirectConv.forward(xd, batch, cin, DirectConv.pack(wd, cout, cin, k, false), cout,
                        bias == null ? null : bias.data, grids[0])
                : im2colForward(geo, xd, wd, bias, batch, cin, cout, groups);
        int[] shape = new int[sp + 2];
        shape[0] = batch;
        shape[1] = cout;
        System.arraycopy(outDims, 0, shape, 2, sp);
        return Tensor.result(out, shape, g -> {
            boolean needW = w.requiresGrad();
            float[] gx = x.requiresGrad() ? x.gradBuffer() : null;
            float[] gb = bias != null && bias.requiresGrad() ? bias.gradBuffer() : null;
            if (grids != null && DirectConv.backwardApplies(batch, cin, cout, grids)) {
                // The direct path sums the bias gradient from each item's output gradient as it copies it.
                DirectConv.backward(xd, g, wd, batch, cin, cout, grids, gx, needW ? w.gradBuffer() : null, gb);
                return;
            }
            biasBackward(bias, g, batch, cout, columns);
            if (needW || gx != null) {
                im2colBackward(geo, xd, wd, g, gx, needW ? w.gradBuffer() : null, batch, cin, cout, groups);
            }
        }, x, w, bias);
    }

    /** The forward pass by im2col and GEMM, for the cases {@link DirectConv} does not take. */
    private static float[] im2colForward(ConvGeometry geo, float[] xd, float[] wd, Tensor bias, int batch, int cin,
                                         int cout, int groups) {
        int k = geo.kernelSize();
        int columns = geo.smallSize();
        int coutG = cout / groups;
        int ckG = cin / groups * k;
        int rows = cin * k;
        int inItem = cin * geo.bigSize();
        int outItem = cout * columns;
        int lc = chunkColumns(rows, columns);
        int chunks = (columns + lc - 1) / lc;
        float[] out = new float[batch * outItem];
        if (bias != null) {
            for (int n = 0; n < batch; n++) {
                fillBias(out, n * outItem, bias, cout, columns);
            }
        }
        float beta = bias == null ? 0f : 1f;
        runTasks(batch * chunks, (t, threaded) -> {
            int n = t / chunks;
            int l0 = t % chunks * lc;
            int l1 = Math.min(columns, l0 + lc);
            int m = l1 - l0;
            Columns c = Columns.of(geo, xd, n * inItem, l0, l1, rows);
            for (int g = 0; g < groups; g++) {
                gemm(threaded, false, false, coutG, m, ckG, wd, g * coutG * ckG, ckG, c.data, c.offset + g * ckG * c.ld, c.ld,
                        beta, out, n * outItem + g * coutG * columns + l0, columns);
            }
        });
        return out;
    }

    /**
     * One chunk of columns [l0, l1) of an item's im2col matrix: the input itself when the geometry is
     * the identity (1×1 kernel, stride 1, no padding), else unfolded into workspace slot 0.
     */
    private record Columns(float[] data, int offset, int ld) {
        static Columns of(ConvGeometry geo, float[] x, int itemOffset, int l0, int l1, int rows) {
            if (geo.identity()) {
                return new Columns(x, itemOffset + l0, geo.smallSize());
            }
            float[] col = Workspace.get(0, rows * (l1 - l0));
            geo.im2col(x, itemOffset, l0, l1, col);
            return new Columns(col, 0, l1 - l0);
        }
    }

    /** The backward pass by im2col and GEMM, for the cases {@link DirectConv} does not take. */
    private static void im2colBackward(ConvGeometry geo, float[] xd, float[] wd, float[] g, float[] gx, float[] gw,
                                       int batch, int cin, int cout, int groups) {
        int k = geo.kernelSize();
        int columns = geo.smallSize();
        int coutG = cout / groups;
        int ckG = cin / groups * k;
        int rows = cin * k;
        int inItem = cin * geo.bigSize();
        int outItem = cout * columns;
        boolean ident = geo.identity();
        int lc = chunkColumns(rows, columns);
        boolean needW = gw != null;
        int parts = batch >= 2 && Parallel.threads() > 1 ? Math.min(batch, Parallel.threads()) : 1;
        float[][] gwParts = new float[parts][];
        // Items in parallel (each part accumulates its own weight gradient), or chunks one by one
        // with threaded GEMMs when there is a single item.
        Parallel.forParts(parts, p -> {
            float[] gwp = !needW ? null : p == 0 ? gw : new float[gw.length];
            gwParts[p] = gwp;
            boolean threaded = parts == 1;
            for (int n = batch * p / parts; n < batch * (p + 1) / parts; n++) {
                for (int l0 = 0; l0 < columns; l0 += lc) {
                    int l1 = Math.min(columns, l0 + lc);
                    int m = l1 - l0;
                    int gyOff = n * outItem + l0;
                    if (gwp != null) {
                        Columns c = Columns.of(geo, xd, n * inItem, l0, l1, rows);
                        for (int gr = 0; gr < groups; gr++) {
                            // dW_g += dY_g col_g^T
                            gemm(threaded, false, true, coutG, ckG, m, g, gyOff + gr * coutG * columns, columns,
                                    c.data, c.offset + gr * ckG * c.ld, c.ld, 1f, gwp, gr * coutG * ckG, ckG);
                        }
                    }
                    if (gx != null) {
                        if (ident) {
                            for (int gr = 0; gr < groups; gr++) {
                                gemm(threaded, true, false, ckG, m, coutG, wd, gr * coutG * ckG, ckG,
                                        g, gyOff + gr * coutG * columns, columns, 1f, gx, n * inItem + gr * ckG * columns + l0, columns);
                            }
                        } else {
                            // dcol_g = W_g^T dY_g, then scattered back onto the input grid.
                            float[] dcol = Workspace.get(1, rows * m);
                            for (int gr = 0; gr < groups; gr++) {
                                gemm(threaded, true, false, ckG, m, coutG, wd, gr * coutG * ckG, ckG,
                                        g, gyOff + gr * coutG * columns, columns, 0f, dcol, gr * ckG * m, m);
                            }
                            geo.col2im(dcol, l0, l1, gx, n * inItem);
                        }
                    }
                }
            }
        });
        if (needW) {
            reduceParts(gwParts, gw);
        }
    }

    // ------------------------------------------------------------------ transposed convolution

    static Tensor convTranspose(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                int[] dilation, int groups) {
        String op = "conv_transpose" + (w.shape.length - 2) + "d";
        int sp = spatialRank(op, x, w);
        checkArrays(op, sp, stride, padding, outputPadding, dilation);
        int batch = x.shape[0];
        int cin = x.shape[1];
        if (groups < 1 || w.shape[0] != cin || cin % groups != 0) {
            throw new IllegalArgumentException(op + ": input has " + cin + " channels, weight " + Arrays.toString(w.shape)
                    + " (in, out/groups, kernel...) with groups=" + groups + " does not fit");
        }
        int coutG = w.shape[1];
        int cout = coutG * groups;
        int cinG = cin / groups;
        if (bias != null && bias.data.length != cout) {
            throw new IllegalArgumentException(op + ": bias has " + bias.data.length + " values, expected " + cout);
        }
        int[] small = spatial(x.shape, 2);
        int[] kernel = spatial(w.shape, 2);
        int[] big = new int[sp];
        for (int i = 0; i < sp; i++) {
            if (outputPadding[i] >= Math.max(stride[i], dilation[i])) {
                throw new IllegalArgumentException(op + ": output_padding " + Arrays.toString(outputPadding)
                        + " must be smaller than stride or dilation");
            }
            big[i] = (small[i] - 1) * stride[i] - 2 * padding[i] + dilation[i] * (kernel[i] - 1) + outputPadding[i] + 1;
            if (big[i] < 1) {
                throw new IllegalArgumentException(op + ": padding " + Arrays.toString(padding) + " leaves no output for input "
                        + Arrays.toString(x.shape));
            }
        }
        ConvGeometry geo = new ConvGeometry(cout, big, small, kernel, stride, padding, dilation);
        int k = geo.kernelSize();
        int columns = geo.smallSize();
        int coKG = coutG * k;
        int rows = cout * k;
        int inItem = cin * columns;
        int outItem = cout * geo.bigSize();
        int bigSize = geo.bigSize();
        boolean ident = geo.identity();
        int lc = chunkColumns(rows, columns);
        float[] xd = x.data;
        float[] wd = w.data;
        float[] out = new float[batch * outItem];
        // Chunks of one item scatter onto overlapping output regions: items in parallel only.
        runTasks(batch, (n, threaded) -> {
            if (bias != null) {
                fillBias(out, n * outItem, bias, cout, bigSize);
            }
            for (int l0 = 0; l0 < columns; l0 += lc) {
                int l1 = Math.min(columns, l0 + lc);
                int m = l1 - l0;
                if (ident) {
                    for (int g = 0; g < groups; g++) {
                        gemm(threaded, true, false, coKG, m, cinG, wd, g * cinG * coKG, coKG, xd, n * inItem + g * cinG * columns + l0,
                                columns, 1f, out, n * outItem + g * coKG * columns + l0, columns);
                    }
                    continue;
                }
                float[] col = Workspace.get(0, rows * m);
                for (int g = 0; g < groups; g++) {
                    gemm(threaded, true, false, coKG, m, cinG, wd, g * cinG * coKG, coKG, xd, n * inItem + g * cinG * columns + l0,
                            columns, 0f, col, g * coKG * m, m);
                }
                geo.col2im(col, l0, l1, out, n * outItem);
            }
        });
        int[] shape = new int[sp + 2];
        shape[0] = batch;
        shape[1] = cout;
        System.arraycopy(big, 0, shape, 2, sp);
        return Tensor.result(out, shape, g -> {
            biasBackward(bias, g, batch, cout, bigSize);
            boolean needW = w.requiresGrad();
            float[] gx = x.requiresGrad() ? x.gradBuffer() : null;
            if (!needW && gx == null) {
                return;
            }
            float[] gw = needW ? w.gradBuffer() : null;
            int parts = batch >= 2 && Parallel.threads() > 1 ? Math.min(batch, Parallel.threads()) : 1;
            float[][] gwParts = new float[parts][];
            Parallel.forParts(parts, p -> {
                float[] gwp = !needW ? null : p == 0 ? gw : new float[gw.length];
                gwParts[p] = gwp;
                boolean threaded = parts == 1;
                for (int n = batch * p / parts; n < batch * (p + 1) / parts; n++) {
                    for (int l0 = 0; l0 < columns; l0 += lc) {
                        int l1 = Math.min(columns, l0 + lc);
                        int m = l1 - l0;
                        float[] col;
                        int colOff;
                        int ld;
                        if (ident) {
                            col = g;
                            colOff = n * outItem + l0;
                            ld = columns;
                        } else {
                            col = Workspace.get(0, rows * m);
                            geo.im2col(g, n * outItem, l0, l1, col);
                            colOff = 0;
                            ld = m;
                        }
                        for (int gr = 0; gr < groups; gr++) {
                            int xOff = n * inItem + gr * cinG * columns + l0;
                            if (gx != null) {
                                // dX_g = W_g im2col(dY)_g
                                gemm(threaded, false, false, cinG, m, coKG, wd, gr * cinG * coKG, coKG,
                                        col, colOff + gr * coKG * ld, ld, 1f, gx, xOff, columns);
                            }
                            if (gwp != null) {
                                // dW_g += X_g im2col(dY)_g^T
                                gemm(threaded, false, true, cinG, coKG, m, xd, xOff, columns,
                                        col, colOff + gr * coKG * ld, ld, 1f, gwp, gr * cinG * coKG, coKG);
                            }
                        }
                    }
                }
            });
            if (needW) {
                reduceParts(gwParts, gw);
            }
        }, x, w, bias);
    }
}
