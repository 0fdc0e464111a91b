package org.gyrus.nn;

import java.util.Arrays;
import org.gyrus.nn.linalg.Gemm;
import org.gyrus.nn.linalg.Parallel;

/** Matrix products: (batched) matmul and the fused affine map of a Linear layer. */
final class MatMul {

    /** Batched products smaller than this (multiply-adds each) are spread over threads by batch entry. */
    private static final long SMALL_ITEM = 256L * 256 * 256;

    private MatMul() {
    }

    static Tensor matmul(Tensor a, Tensor b, boolean transB) {
        if (a.shape.length < 2 || b.shape.length < 2) {
            throw new IllegalArgumentException("matmul needs rank >= 2, got " + Arrays.toString(a.shape)
                    + " and " + Arrays.toString(b.shape));
        }
        int ra = a.shape.length;
        int rb = b.shape.length;
        int m = a.shape[ra - 2];
        int k = a.shape[ra - 1];
        int kb = transB ? b.shape[rb - 1] : b.shape[rb - 2];
        int n = transB ? b.shape[rb - 2] : b.shape[rb - 1];
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner lengths differ: " + Arrays.toString(a.shape)
                    + (transB ? " @ T" : " @ ") + Arrays.toString(b.shape));
        }
        if (rb == 2) {
            return flatRight(a, b, transB, m * (a.data.length / Math.max(1, m * k)), n, k);
        }
        int[] batchA = Arrays.copyOf(a.shape, ra - 2);
        int[] batchB = Arrays.copyOf(b.shape, rb - 2);
        boolean aBatched = ra > 2;
        if (aBatched && !Arrays.equals(batchA, batchB)) {
            throw new IllegalArgumentException("matmul: batch shapes differ: " + Arrays.toString(a.shape)
                    + " and " + Arrays.toString(b.shape));
        }
        int[] batch = batchB;
        int count = Shapes.size(batch);
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        int sa = aBatched ? m * k : 0;
        int sb = k * n;
        int sc = m * n;
        int ldb = transB ? k : n;
        float[] x = a.data;
        float[] y = b.data;
        float[] out = new float[count * sc];
        batched(count, (long) m * n * k, i -> Gemm.sgemmSerial(false, transB, m, n, k, 1f,
                x, i * sa, k, y, i * sb, ldb, 0f, out, i * sc, n),
                i -> Gemm.sgemm(false, transB, m, n, k, 1f, x, i * sa, k, y, i * sb, ldb, 0f, out, i * sc, n));
        return Tensor.result(out, shape, g -> {
            if (b.requiresGrad()) {
                float[] gb = b.gradBuffer();
                // A shared left matrix is summed over the batch by the accumulation (beta = 1).
                if (transB) {
                    // dB[n,k] += dC^T A
                    batched(count, (long) m * n * k, i -> Gemm.sgemmSerial(true, false, n, k, m, 1f,
                            g, i * sc, n, x, i * sa, k, 1f, gb, i * sb, k),
                            i -> Gemm.sgemm(true, false, n, k, m, 1f, g, i * sc, n, x, i * sa, k, 1f, gb, i * sb, k));
                } else {
                    // dB[k,n] += A^T dC
                    batched(count, (long) m * n * k, i -> Gemm.sgemmSerial(true, false, k, n, m, 1f,
                            x, i * sa, k, g, i * sc, n, 1f, gb, i * sb, n),
                            i -> Gemm.sgemm(true, false, k, n, m, 1f, x, i * sa, k, g, i * sc, n, 1f, gb, i * sb, n));
                }
            }
            if (a.requiresGrad()) {
                float[] ga = a.gradBuffer();
                if (aBatched) {
                    // dA[m,k] += dC op(B)^T
                    batched(count, (long) m * n * k, i -> Gemm.sgemmSerial(false, !transB, m, k, n, 1f,
                            g, i * sc, n, y, i * sb, ldb, 1f, ga, i * sa, k),
                            i -> Gemm.sgemm(false, !transB, m, k, n, 1f, g, i * sc, n, y, i * sb, ldb, 1f, ga, i * sa, k));
                } else {
                    // A shared by every batch entry: its gradient sums over them, so no parallel writes.
                    for (int i = 0; i < count; i++) {
                        Gemm.sgemm(false, !transB, m, k, n, 1f, g, i * sc, n, y, i * sb, ldb, 1f, ga, 0, k);
                    }
                }
            }
        }, a, b);
    }

    /** Runs one product per batch entry: small ones spread over threads, large ones threaded inside. */
    private static void batched(int count, long workPerItem, java.util.function.IntConsumer serial,
                                java.util.function.IntConsumer threaded) {
        if (count > 1 && workPerItem < SMALL_ITEM && Parallel.threads() > 1) {
            Parallel.forRange(count, 1, (from, to) -> {
                for (int i = from; i < to; i++) {
                    serial.accept(i);
                }
            });
        } else {
            for (int i = 0; i < count; i++) {
                threaded.accept(i);
            }
        }
    }

    /** {@code [..., M, K] @ op(B)} with B a matrix: one product over all leading rows. */
    private static Tensor flatRight(Tensor a, Tensor b, boolean transB, int rows, int n, int k) {
        int[] shape = a.shape.clone();
        shape[shape.length - 1] = n;
        float[] x = a.data;
        float[] y = b.data;
        int ldb = transB ? k : n;
        float[] out = new float[rows * n];
        Gemm.sgemm(false, transB, rows, n, k, 1f, x, 0, k, y, 0, ldb, 0f, out, 0, n);
        return Tensor.result(out, shape, g -> {
            if (a.requiresGrad()) {
                Gemm.sgemm(false, !transB, rows, k, n, 1f, g, 0, n, y, 0, ldb, 1f, a.gradBuffer(), 0, k);
            }
            if (b.requiresGrad()) {
                if (transB) {
                    Gemm.sgemm(true, false, n, k, rows, 1f, g, 0, n, x, 0, k, 1f, b.gradBuffer(), 0, k);
                } else {
                    Gemm.sgemm(true, false, k, n, rows, 1f, x, 0, k, g, 0, n, 1f, b.gradBuffer(), 0, n);
                }
            }
        }, a, b);
    }

    /**
     * Whether {@code X W^T} of a short batch is better computed as {@code (W X^T)^T}. Gemm packs its
     * right operand in panels, a transposing copy when that operand is W^T: {@code out x in} values
     * for every call. As {@code W X^T} it reads W in place (the narrow-product kernels, up to
     * {@link #TRANSPOSED_MAX_ROWS} columns) and packs only the batch's {@code rows x in}, and the
     * result needs one transposing pass ({@code rows x out}). W7's 128-row batches through 512-wide
     * layers: about a third of the copies.
     */
    static boolean transposedPays(int rows, int inF, int outF) {
        return rows <= TRANSPOSED_MAX_ROWS && (long) outF * inF > (long) rows * (inF + outF);
    }

    /** Gemm reads A in place up to this many result columns (its DIRECT_A_MAX_N). */
    private static final int TRANSPOSED_MAX_ROWS = 256;

    /**
     * {@code z = x W^T + b} as {@code z^T = W x^T + b} in per-thread scratch, then transposed into z.
     * The same bits as the direct product: every element sums the same products over the same
     * blocks of the inner dimension, from the bias, with the same fused multiply-adds (a·b = b·a).
     */
    private static void transposedProduct(int rows, int inF, int outF, float[] xd, float[] wd, float[] bias, float[] z) {
        float[] zt = Workspace.get(8, outF * rows);
        float beta = 0f;
        if (bias != null) {
            for (int o = 0; o < outF; o++) {
                Arrays.fill(zt, o * rows, (o + 1) * rows, bias[o]);
            }
            beta = 1f;
        }
        Gemm.sgemm(false, true, outF, rows, inF, 1f, wd, 0, inF, xd, 0, inF, beta, zt, 0, rows);
        // In blocks of 64 of zt's rows, whose cache lines stay in L1 while r runs down them.
        Parallel.forRange(rows, Math.max(1, GRAIN / Math.max(1, outF)), (from, to) -> {
            for (int o0 = 0; o0 < outF; o0 += 64) {
                int o1 = Math.min(outF, o0 + 64);
                for (int r = from; r < to; r++) {
                    int dst = r * outF;
                    for (int o = o0; o < o1; o++) {
                        z[dst + o] = zt[o * rows + r];
                    }
                }
            }
        });
    }

    /** Elements below which an activation sweep stays on the calling thread (as Elementwise). */
    private static final int GRAIN = 1 << 15;

    /**
     * {@code act(x W^T + b)} as one operation: the bias is the output's starting value (so the sums
     * round as in {@code Tensor.linear}), the activation is applied in place over the product, and
     * the backward turns the output gradient into the pre-activation's in place (that buffer is the
     * output's own and is released right after), summing the bias gradient in the same sweep.
     */
    static Tensor linear(Tensor x, Tensor w, Tensor bias, LinearActivation act) {
        if (w.shape.length != 2) {
            throw new IllegalArgumentException("linear weight must be [out, in], got " + Arrays.toString(w.shape));
        }
        int outF = w.shape[0];
        int inF = w.shape[1];
        if (x.shape.length < 1 || x.shape[x.shape.length - 1] != inF) {
            throw new IllegalArgumentException("linear: input " + Arrays.toString(x.shape) + " does not end in " + inF);
        }
        if (bias != null && bias.data.length != outF) {
            throw new IllegalArgumentException("linear: bias has " + bias.data.length + " values, expected " + outF);
        }
        int rows = x.data.length / Math.max(1, inF);
        int n = rows * outF;
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = outF;
        float[] z = new float[n];
        float[] xd = x.data;
        float[] wd = w.data;
        if (transposedPays(rows, inF, outF)) {
            transposedProduct(rows, inF, outF, xd, wd, bias == null ? null : bias.data, z);
        } else {
            float beta = 0f;
            if (bias != null) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(bias.data, 0, z, r * outF, outF);
                }
                beta = 1f;
            }
            Gemm.sgemm(false, true, rows, outF, inF, 1f, xd, 0, inF, wd, 0, inF, beta, z, 0, outF);
        }
        boolean record = Tensor.isGradEnabled()
                && (x.requiresGrad() || w.requiresGrad() || bias != null && bias.requiresGrad());
        // SiLU's backward needs z and its sigmoid: y gets its own array then; otherwise y overwrites z.
        float[] y = act.keepsInput() && record ? new float[n] : z;
        float[] s = act.keepsInput() && record ? new float[n] : null;
        if (act != LinearActivation.NONE) {
            Parallel.forRange(n, GRAIN, (from, to) -> act.forward(z, y, s, from, to));
        }
        return Tensor.result(y, shape, g -> {
            boolean biasGrad = bias != null && bias.requiresGrad();
            if (act != LinearActivation.NONE || biasGrad) {
                float[] gb = biasGrad ? bias.gradBuffer() : null;
                // Split by columns, each summed over the rows in order: the bias gradient has the
                // same bits on any number of threads (and as the separate ops' row-by-row sum).
                int parts = (int) Math.min(Parallel.threads(), Math.max(1, (long) n / GRAIN));
                int blocks = (outF + 15) / 16;
                int p = Math.max(1, Math.min(parts, blocks));
                Parallel.forParts(p, part -> {
                    int j0 = Math.min(outF, blocks * part / p * 16);
                    int j1 = Math.min(outF, blocks * (part + 1) / p * 16);
                    for (int r = 0; r < rows; r++) {
                        int base = r * outF;
                        act.backward(g, y, z, s, base + j0, base + j1);
                        if (gb != null) {
                            VectorMath.addInto(g, base + j0, gb, j0, j1 - j0);
                        }
                    }
                });
            }
            if (x.requiresGrad()) {
                Gemm.sgemm(false, false, rows, inF, outF, 1f, g, 0, outF, wd, 0, inF, 1f, x.gradBuffer(), 0, inF);
            }
            if (w.requiresGrad()) {
                Gemm.sgemm(true, false, outF, inF, rows, 1f, g, 0, outF, xd, 0, inF, 1f, w.gradBuffer(), 0, inF);
            }
        }, x, w, bias);
    }
}
