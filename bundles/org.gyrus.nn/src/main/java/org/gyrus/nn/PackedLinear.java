package org.gyrus.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.gyrus.nn.linalg.Gemm;

/**
 * The weight of a Linear layer packed once for many no-grad products {@code y = act(x W^T + b)}, as
 * an inference loop (a sampler's 1,000 steps) runs them: the per-call packing of W that
 * {@link Gemm} does, no graph, no allocation, and the bias and the activation applied while the
 * output tile is still in cache. The weight and bias are copied when packing: later updates of the
 * layer's parameters are not seen (pack again after training).
 *
 * <p>The results are bit for bit those of {@code Tensor.linear} (followed by the activation's own method: {@code relu()}, {@code sigmoid()}, {@code silu()}) for
 * products above Gemm's tiny size (16³ multiply-adds, summed there in a plain loop): the
 * sums run over the same blocks of {@link #KC} inputs in the same order with the same fused
 * multiply-adds, each block's sum added to the output that starts as the bias, as {@code Gemm}
 * does; and SiLU is {@code x · (1 / (1 + exp(−x)))} with the engine's own exp. Rows are
 * independent, so callers may split a batch over threads and get the same bits.
 */
public final class PackedLinear {

    /** As {@link Gemm}: the widest native float vector, capped at 512 bits. */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.length() >= 16
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    private static final int V = S.length();
    /** Columns of a panel and of the register block: two vectors. */
    private static final int NR = 2 * V;
    /**
     * Rows of the register block. With AVX-512's 32 registers, 8 × 2 accumulators: enough independent
     * FMA chains to keep two FMA pipes busy, with the loaded B vectors and the broadcast. With AVX2's
     * 16, 4 × 2: 8 chains (latency 4 × 2 pipes on Zen 3) plus 3 vectors in flight. On Zen 3 the
     * 4-row kernel ran at 1.7-1.9× the 8-, 6- and 5-row ones and a 4 × 3-vector one (same products,
     * one thread's CPU time, in one JVM): C2 spilled the larger tiles' accumulators.
     */
    private static final int MR = V >= 16 ? 8 : 4;
    /** The inner-dimension block of {@link Gemm} (its KC), kept so that the sums round alike. */
    static final int KC = 256;

    private final int in;
    private final int out;
    private final float[] packed;
    private final float[] bias;

    private PackedLinear(int in, int out, float[] packed, float[] bias) {
        this.in = in;
        this.out = out;
        this.packed = packed;
        this.bias = bias;
    }

    /**
     * Packs a {@code [out, in]} weight (PyTorch's Linear layout) and its bias.
     *
     * @param weight the {@code [out, in]} weight
     * @param bias   the {@code [out]} bias, or null
     */
    public static PackedLinear of(Tensor weight, Tensor bias) {
        int[] shape = weight.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("PackedLinear: the weight must be [out, in], got " + java.util.Arrays.toString(shape));
        }
        int out = shape[0];
        int in = shape[1];
        if (bias != null && bias.data().length != out) {
            throw new IllegalArgumentException("PackedLinear: the bias has " + bias.data().length + " values, expected " + out);
        }
        float[] w = weight.data();
        int panels = (out + NR - 1) / NR;
        // Panel p holds columns [p*NR, p*NR + NR) of W^T, row by row: in rows of NR floats, zero past out.
        float[] packed = new float[panels * in * NR];
        for (int o = 0; o < out; o++) {
            int base = (o / NR) * in * NR + o % NR;
            for (int k = 0; k < in; k++) {
                packed[base + k * NR] = w[o * in + k];
            }
        }
        return new PackedLinear(in, out, packed, bias == null ? null : bias.data().clone());
    }

    /** @return the input features */
    public int in() {
        return in;
    }

    /** @return the output features */
    public int out() {
        return out;
    }

    /**
     * Computes {@code y = act(x W^T + b)} for {@code rows} rows on the calling thread.
     *
     * @param rows       the number of rows
     * @param x          the input, row r at {@code xOff + r * ldx}, {@link #in()} values
     * @param xOff       offset of the first input row
     * @param ldx        stride of the input rows
     * @param activation applied after the bias
     * @param y          the output, row r at {@code yOff + r * ldy}, {@link #out()} values
     * @param yOff       offset of the first output row
     * @param ldy        stride of the output rows
     */
    public void apply(int rows, float[] x, int xOff, int ldx, LinearActivation activation, float[] y, int yOff, int ldy) {
        check("input", x, xOff, ldx, rows, in);
        check("output", y, yOff, ldy, rows, out);
        int panels = (out + NR - 1) / NR;
        for (int p = 0; p < panels; p++) {
            int j = p * NR;
            int cols = Math.min(NR, out - j);
            VectorMask<Float> m0 = S.indexInRange(0, cols);
            VectorMask<Float> m1 = S.indexInRange(V, cols);
            for (int r = 0; r < rows; r++) {
                int row = yOff + r * ldy + j;
                if (bias == null) {
                    java.util.Arrays.fill(y, row, row + cols, 0f);
                } else {
                    System.arraycopy(bias, j, y, row, cols);
                }
            }
            for (int kc = 0; kc < in; kc += KC) {
                int kn = Math.min(KC, in - kc);
                int b = p * in * NR + kc * NR;
                int r = 0;
                if (MR == 8) {
                    for (; r + 8 <= rows; r += 8) {
                        kernel8(kn, x, xOff + r * ldx + kc, ldx, packed, b, y, yOff + r * ldy + j, ldy, m0, m1);
                    }
                }
                for (; r + 4 <= rows; r += 4) {
                    kernel4(kn, x, xOff + r * ldx + kc, ldx, packed, b, y, yOff + r * ldy + j, ldy, m0, m1);
                }
                for (; r < rows; r++) {
                    kernel1(kn, x, xOff + r * ldx + kc, packed, b, y, yOff + r * ldy + j, m0, m1);
                }
            }
            if (activation != LinearActivation.NONE) {
                for (int r = 0; r < rows; r++) {
                    int at = yOff + r * ldy + j;
                    activation.forward(y, y, null, at, at + cols);
                }
            }
        }
    }

    private static void check(String what, float[] a, int off, int ld, int rows, int cols) {
        if (rows <= 0) {
            return;
        }
        long last = off + (long) (rows - 1) * ld + cols - 1;
        if (off < 0 || ld < cols || last >= a.length) {
            throw new IndexOutOfBoundsException("PackedLinear: the " + what + " (" + rows + " x " + cols + " at offset " + off
                    + ", row stride " + ld + ") does not fit an array of " + a.length);
        }
    }

    /**
     * C[8 x NR] += A[8 x kn] · Bpanel[kn x NR]: the 16 accumulators in registers, A's rows read in
     * place (stride lda), the columns past the layer's width masked off at the store.
     */
    private static void kernel8(int kn, float[] a, int r0, int lda, float[] pb, int bIdx, float[] c, int cIdx, int ldc,
                                VectorMask<Float> m0, VectorMask<Float> m1) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        int r4 = r3 + lda;
        int r5 = r4 + lda;
        int r6 = r5 + lda;
        int r7 = r6 + lda;
        for (int p = 0; p < kn; p++) {
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + V);
            FloatVector av = FloatVector.broadcast(S, a[r0 + p]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[r1 + p]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[r2 + p]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[r3 + p]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[r4 + p]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[r5 + p]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[r6 + p]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[r7 + p]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        // Written out, as in Gemm: a helper taking vectors would not be inlined and they would be boxed.
        int i1 = cIdx + ldc;
        int i2 = i1 + ldc;
        int i3 = i2 + ldc;
        int i4 = i3 + ldc;
        int i5 = i4 + ldc;
        int i6 = i5 + ldc;
        int i7 = i6 + ldc;
        c00.add(FloatVector.fromArray(S, c, cIdx, m0)).intoArray(c, cIdx, m0);
        c01.add(FloatVector.fromArray(S, c, cIdx + V, m1)).intoArray(c, cIdx + V, m1);
        c10.add(FloatVector.fromArray(S, c, i1, m0)).intoArray(c, i1, m0);
        c11.add(FloatVector.fromArray(S, c, i1 + V, m1)).intoArray(c, i1 + V, m1);
        c20.add(FloatVector.fromArray(S, c, i2, m0)).intoArray(c, i2, m0);
        c21.add(FloatVector.fromArray(S, c, i2 + V, m1)).intoArray(c, i2 + V, m1);
        c30.add(FloatVector.fromArray(S, c, i3, m0)).intoArray(c, i3, m0);
        c31.add(FloatVector.fromArray(S, c, i3 + V, m1)).intoArray(c, i3 + V, m1);
        c40.add(FloatVector.fromArray(S, c, i4, m0)).intoArray(c, i4, m0);
        c41.add(FloatVector.fromArray(S, c, i4 + V, m1)).intoArray(c, i4 + V, m1);
        c50.add(FloatVector.fromArray(S, c, i5, m0)).intoArray(c, i5, m0);
        c51.add(FloatVector.fromArray(S, c, i5 + V, m1)).intoArray(c, i5 + V, m1);
        c60.add(FloatVector.fromArray(S, c, i6, m0)).intoArray(c, i6, m0);
        c61.add(FloatVector.fromArray(S, c, i6 + V, m1)).intoArray(c, i6 + V, m1);
        c70.add(FloatVector.fromArray(S, c, i7, m0)).intoArray(c, i7, m0);
        c71.add(FloatVector.fromArray(S, c, i7 + V, m1)).intoArray(c, i7 + V, m1);
    }

    /** {@link #kernel8} on four rows: AVX2's register block, and AVX-512's for four rows left over. */
    private static void kernel4(int kn, float[] a, int r0, int lda, float[] pb, int bIdx, float[] c, int cIdx, int ldc,
                                VectorMask<Float> m0, VectorMask<Float> m1) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        int r1 = r0 + lda;
        int r2 = r1 + lda;
        int r3 = r2 + lda;
        for (int p = 0; p < kn; p++) {
            int bi = bIdx + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + V);
            FloatVector av = FloatVector.broadcast(S, a[r0 + p]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[r1 + p]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[r2 + p]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[r3 + p]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        int i1 = cIdx + ldc;
        int i2 = i1 + ldc;
        int i3 = i2 + ldc;
        c00.add(FloatVector.fromArray(S, c, cIdx, m0)).intoArray(c, cIdx, m0);
        c01.add(FloatVector.fromArray(S, c, cIdx + V, m1)).intoArray(c, cIdx + V, m1);
        c10.add(FloatVector.fromArray(S, c, i1, m0)).intoArray(c, i1, m0);
        c11.add(FloatVector.fromArray(S, c, i1 + V, m1)).intoArray(c, i1 + V, m1);
        c20.add(FloatVector.fromArray(S, c, i2, m0)).intoArray(c, i2, m0);
        c21.add(FloatVector.fromArray(S, c, i2 + V, m1)).intoArray(c, i2 + V, m1);
        c30.add(FloatVector.fromArray(S, c, i3, m0)).intoArray(c, i3, m0);
        c31.add(FloatVector.fromArray(S, c, i3 + V, m1)).intoArray(c, i3 + V, m1);
    }

    /** One row of {@link #kernel8}, for the rows left over. */
    private static void kernel1(int kn, float[] a, int r0, float[] pb, int bIdx, float[] c, int cIdx,
                                VectorMask<Float> m0, VectorMask<Float> m1) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        for (int p = 0; p < kn; p++) {
            int bi = bIdx + p * NR;
            FloatVector av = FloatVector.broadcast(S, a[r0 + p]);
            c00 = av.fma(FloatVector.fromArray(S, pb, bi), c00);
            c01 = av.fma(FloatVector.fromArray(S, pb, bi + V), c01);
        }
        c00.add(FloatVector.fromArray(S, c, cIdx, m0)).intoArray(c, cIdx, m0);
        c01.add(FloatVector.fromArray(S, c, cIdx + V, m1)).intoArray(c, cIdx + V, m1);
    }
}
