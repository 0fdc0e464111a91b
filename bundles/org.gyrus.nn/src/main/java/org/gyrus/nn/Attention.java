package org.gyrus.nn;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.gyrus.nn.linalg.Parallel;

/**
 * The two halves of multi-head scaled dot-product attention, fused so that heads are read and
 * written in place: queries, keys and values stay in their projection layout {@code [B, T, C]}
 * (head h in columns {@code col + h*d .. col + h*d + d-1}; one {@code [B, T, 3E]} tensor holds all
 * three when a single product made them), and the output is written head by head into its columns.
 * This avoids the split-heads permutes and copies, which cost as much memory traffic as the products.
 *
 * <p>Each (batch entry, head) is one small problem (17 tokens of width 8 in the digits ViT, 64 of
 * width 32 in the encoder benchmark): far too small for the blocked GEMM, whose packing and
 * hand-off cost more than the arithmetic. Every product here is therefore one loop nest
 * ({@link #product}) with its vectors along the head's width when that is a whole number of
 * vectors (reading and accumulating in place, no copies), and otherwise along the sequence axis,
 * padded to whole vectors in a per-thread scratch array with the small transposes this needs, so
 * that a head width of 8 wastes no lanes. The scores always run along the keys (K_h transposed
 * into scratch); a row of scores is masked and soft-maxed right where it was computed. (Batch, head) pairs are spread over the thread budget; each is computed the same
 * way on any thread, so results do not depend on the thread count.
 *
 * <p>The vectors are the engine's one species (as {@link VectorMath} and the GEMM use): C2's type
 * profiles inside the Vector API are shared by every caller, and a second species makes them
 * polymorphic, after which C2 stops compiling vector operations into instructions everywhere.
 */
final class Attention {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Attention() {
    }

    /** {@code n} rounded up to whole vectors. */
    private static int padded(int n) {
        return (n + L - 1) / L * L;
    }

    /** Checks a {@code [B, T, C]} operand and that columns {@code col .. col+e-1} lie inside it. */
    private static void check(Tensor t, String name, int col, int e) {
        if (t.shape.length != 3) {
            throw new IllegalArgumentException(name + " must be [B, T, C], got " + Arrays.toString(t.shape));
        }
        if (col < 0 || col + e > t.shape[2]) {
            throw new IllegalArgumentException(name + ": columns " + col + ".." + (col + e - 1) + " do not fit "
                    + Arrays.toString(t.shape));
        }
    }

    /**
     * softmax(scale * Q_h K_h^T + mask) for every batch entry and head: {@code [B, H, T, S]}, with
     * Q in columns {@code qCol .. qCol+e-1} of {@code q} and K in columns {@code kCol ..} of
     * {@code k} (the same tensor for a packed projection).
     */
    static Tensor weights(Tensor q, int qCol, Tensor k, int kCol, int e, int heads, float scale, Tensor mask) {
        check(q, "query", qCol, e);
        check(k, "key", kCol, e);
        int b = q.shape[0];
        int t = q.shape[1];
        int s = k.shape[1];
        if (k.shape[0] != b || heads <= 0 || e % heads != 0) {
            throw new IllegalArgumentException("attention: query " + Arrays.toString(q.shape) + ", key "
                    + Arrays.toString(k.shape) + ", width " + e + ", " + heads + " heads");
        }
        int d = e / heads;
        int[] shape = {b, heads, t, s};
        int[] maskIndex = null;
        boolean plainMask = false;
        if (mask != null) {
            int[] ms = mask.shape;
            plainMask = mask.data.length == t * s && ms.length >= 2 && ms[ms.length - 2] == t && ms[ms.length - 1] == s;
            if (!plainMask) {
                int[] full = Shapes.broadcast(ms, shape);
                if (!Arrays.equals(full, shape)) {
                    throw new IllegalArgumentException("mask " + Arrays.toString(ms) + " does not broadcast to " + Arrays.toString(shape));
                }
                maskIndex = Shapes.broadcastIndex(ms, shape);
            }
        }
        int ldq = q.shape[2];
        int ldk = k.shape[2];
        float[] qd = q.data;
        float[] kd = k.data;
        float[] md = mask == null ? null : mask.data;
        float[] y = new float[b * heads * t * s];
        boolean plain = plainMask;
        int[] mIdx = maskIndex;
        int sp = padded(s);
        Parallel.forRange(b * heads, 1, (from, to) -> {
            // K_h^T [d][sp], then the scores [t][sp].
            float[] ws = Workspace.get(0, d * sp + t * sp);
            for (int bh = from; bh < to; bh++) {
                int bi = bh / heads;
                int h = bh % heads;
                int off = bh * t * s;
                headWeights(qd, bi * t * ldq + qCol + h * d, ldq, kd, bi * s * ldk + kCol + h * d, ldk, t, s, d, scale,
                        md, plain, mIdx, off, ws, y, off, s);
            }
        });
        return Tensor.result(y, shape, g -> {
            boolean needQ = q.requiresGrad();
            boolean needK = k.requiresGrad();
            // With a packed projection both gradients land in the one buffer, in different columns.
            float[] gq = needQ ? q.gradBuffer() : null;
            float[] gk = needK ? k.gradBuffer() : null;
            int tp = padded(t);
            boolean alongHead = d % L == 0;
            Parallel.forRange(b * heads, 1, (from, to) -> {
                // dS [t][sp], dS^T [s][tp], then a product's result [d][max(sp, tp)].
                float[] ws = Workspace.get(0, t * sp + s * tp + d * Math.max(sp, tp));
                int dsT = t * sp;
                int res = dsT + s * tp;
                for (int bh = from; bh < to; bh++) {
                    int bi = bh / heads;
                    int h = bh % heads;
                    int off = bh * t * s;
                    int qo = bi * t * ldq + qCol + h * d;
                    int ko = bi * s * ldk + kCol + h * d;
                    for (int r = 0; r < t; r++) {
                        int row = off + r * s;
                        int x = r * sp;
                        // Softmax backward: dS = Y * (G - sum(G * Y)), times the scale of the scores.
                        VectorMath.softmaxBackward(g, row, y, row, s, scale, ws, x);
                        Arrays.fill(ws, x + s, x + sp, 0f);
                    }
                    if (needQ && alongHead) {
                        // dQ[r] += sum_j dS[r][j] K[j]
                        product(ws, 0, 1, sp, s, t, kd, ko, ldk, d, gq, qo, ldq, true);
                    } else if (needQ) {
                        // dQ^T[c][r] = sum_j K[j, c] dS^T[j][r]
                        transpose(ws, 0, sp, t, s, ws, dsT, tp);
                        product(kd, ko, ldk, 1, s, d, ws, dsT, tp, tp, ws, res, tp, false);
                        addTransposed(ws, res, tp, d, t, gq, qo, ldq);
                    }
                    if (needK && alongHead) {
                        // dK[j] += sum_r dS[r][j] Q[r]
                        product(ws, 0, sp, 1, t, s, qd, qo, ldq, d, gk, ko, ldk, true);
                    } else if (needK) {
                        // dK^T[c][j] = sum_r Q[r, c] dS[r][j]
                        product(qd, qo, ldq, 1, t, d, ws, 0, sp, sp, ws, res, sp, false);
                        addTransposed(ws, res, sp, d, s, gk, ko, ldk);
                    }
                }
            });
        }, q, k);
    }

    /**
     * The weights of one (batch entry, head): softmax(scale * Q_h K_h^T + mask) into {@code dst}
     * (row r at {@code dOff + r * ld}; dst may be {@code ws} past the scores), with K_h^T and the
     * scores in {@code ws[0 .. d*sp + t*sp)}; {@code off} is the head's offset in {@code [B, H, T, S]}
     * for a broadcast mask.
     */
    private static void headWeights(float[] qd, int qo, int ldq, float[] kd, int ko, int ldk, int t, int s, int d, float scale,
                                    float[] md, boolean plain, int[] mIdx, int off, float[] ws, float[] dst, int dOff, int ld) {
        int sp = padded(s);
        int sc = d * sp;
        transpose(kd, ko, ldk, s, d, ws, 0, sp);
        // scores[r][j] = scale * sum_p Q[r, p] K^T[p][j]
        product(qd, qo, 1, ldq, d, t, ws, 0, sp, sp, ws, sc, sp, false);
        for (int r = 0; r < t; r++) {
            int x = sc + r * sp;
            int row = off + r * s;
            for (int j = 0; j < s; j++) {
                ws[x + j] *= scale;
            }
            if (md != null) {
                for (int j = 0; j < s; j++) {
                    ws[x + j] += plain ? md[r * s + j] : md[mIdx[row + j]];
                }
            }
        }
        VectorMath.softmaxRows(ws, sc, t, s, sp, dst, dOff, ld);
    }

    /**
     * {@code values(weights(...), v)} for inference: the same bits, without the {@code [B, H, T, S]}
     * weights tensor (each head's weights stay in per-thread scratch between the two products), and
     * without a graph; for callers that record no gradient and do not return the weights.
     */
    static Tensor output(Tensor q, int qCol, Tensor k, int kCol, Tensor v, int vCol, int e, int heads, float scale,
                         Tensor mask) {
        check(q, "query", qCol, e);
        check(k, "key", kCol, e);
        check(v, "value", vCol, e);
        int b = q.shape[0];
        int t = q.shape[1];
        int s = k.shape[1];
        if (k.shape[0] != b || v.shape[0] != b || v.shape[1] != s || heads <= 0 || e % heads != 0) {
            throw new IllegalArgumentException("attention: query " + Arrays.toString(q.shape) + ", key "
                    + Arrays.toString(k.shape) + ", value " + Arrays.toString(v.shape) + ", width " + e + ", " + heads + " heads");
        }
        int d = e / heads;
        int[] shape = {b, heads, t, s};
        int[] maskIndex = null;
        boolean plainMask = false;
        if (mask != null) {
            int[] ms = mask.shape;
            plainMask = mask.data.length == t * s && ms.length >= 2 && ms[ms.length - 2] == t && ms[ms.length - 1] == s;
            if (!plainMask) {
                if (!Arrays.equals(Shapes.broadcast(ms, shape), shape)) {
                    throw new IllegalArgumentException("mask " + Arrays.toString(ms) + " does not broadcast to " + Arrays.toString(shape));
                }
                maskIndex = Shapes.broadcastIndex(ms, shape);
            }
        }
        int ldq = q.shape[2];
        int ldk = k.shape[2];
        int ldv = v.shape[2];
        float[] qd = q.data;
        float[] kd = k.data;
        float[] vd = v.data;
        float[] md = mask == null ? null : mask.data;
        float[] out = new float[b * t * e];
        boolean plain = plainMask;
        int[] mIdx = maskIndex;
        int sp = padded(s);
        int tp = padded(t);
        boolean alongHead = d % L == 0;
        Parallel.forRange(b * heads, 1, (from, to) -> {
            // K_h^T [d][sp] and the scores [t][sp] (headWeights), the weights [t][s], then (across
            // the sequence) their transpose [s][tp] and out^T [d][tp].
            int wOff = d * sp + t * sp;
            float[] ws = Workspace.get(0, wOff + t * s + (alongHead ? 0 : s * tp + d * tp));
            int wt = wOff + t * s;
            int res = wt + s * tp;
            for (int bh = from; bh < to; bh++) {
                int bi = bh / heads;
                int h = bh % heads;
                int vo = bi * s * ldv + vCol + h * d;
                headWeights(qd, bi * t * ldq + qCol + h * d, ldq, kd, bi * s * ldk + kCol + h * d, ldk, t, s, d, scale,
                        md, plain, mIdx, bh * t * s, ws, ws, wOff, s);
                // As values(): the head's weights read from scratch instead of the weights tensor.
                if (alongHead) {
                    product(ws, wOff, 1, s, s, t, vd, vo, ldv, d, out, bi * t * e + h * d, e, false);
                } else {
                    transpose(ws, wOff, s, t, s, ws, wt, tp);
                    product(vd, vo, ldv, 1, s, d, ws, wt, tp, tp, ws, res, tp, false);
                    addTransposed(ws, res, tp, d, t, out, bi * t * e + h * d, e);
                }
            }
        });
        return new Tensor(out, new int[] {b, t, e});
    }

    /**
     * Per-head weighted sums of the values: {@code out[b, t, h*d + j] = sum_s w[b, h, t, s] v[b, s, vCol + h*d + j]}
     * for values in columns {@code vCol .. vCol+e-1} of {@code v}; the output is {@code [B, T, e]}.
     */
    static Tensor values(Tensor w, Tensor v, int vCol, int e) {
        check(v, "value", vCol, e);
        if (w.shape.length != 4 || w.shape[0] != v.shape[0] || w.shape[3] != v.shape[1] || e % w.shape[1] != 0) {
            throw new IllegalArgumentException("attention: weights " + Arrays.toString(w.shape) + " do not fit values "
                    + Arrays.toString(v.shape) + " of width " + e);
        }
        int b = w.shape[0];
        int heads = w.shape[1];
        int t = w.shape[2];
        int s = w.shape[3];
        int d = e / heads;
        int ldv = v.shape[2];
        float[] wd = w.data;
        float[] vd = v.data;
        float[] out = new float[b * t * e];
        int tp = padded(t);
        boolean alongHead = d % L == 0;
        Parallel.forRange(b * heads, 1, (from, to) -> {
            // W^T [s][tp], then out^T [d][tp].
            float[] ws = Workspace.get(0, alongHead ? 0 : s * tp + d * tp);
            int res = s * tp;
            for (int bh = from; bh < to; bh++) {
                int bi = bh / heads;
                int h = bh % heads;
                int vo = bi * s * ldv + vCol + h * d;
                if (alongHead) {
                    // out[r] = sum_j W[r][j] V[j]
                    product(wd, bh * t * s, 1, s, s, t, vd, vo, ldv, d, out, bi * t * e + h * d, e, false);
                } else {
                    // out^T[c][r] = sum_j V[j, c] W^T[j][r]
                    transpose(wd, bh * t * s, s, t, s, ws, 0, tp);
                    product(vd, vo, ldv, 1, s, d, ws, 0, tp, tp, ws, res, tp, false);
                    addTransposed(ws, res, tp, d, t, out, bi * t * e + h * d, e);
                }
            }
        });
        return Tensor.result(out, new int[] {b, t, e}, g -> {
            float[] gw = w.requiresGrad() ? w.gradBuffer() : null;
            float[] gv = v.requiresGrad() ? v.gradBuffer() : null;
            int sp = padded(s);
            Parallel.forRange(b * heads, 1, (from, to) -> {
                // V^T [d][sp] or W [t][sp], then a product's result [max(t, d)][sp].
                float[] ws = Workspace.get(0, Math.max(d, t) * sp * 2);
                int res = Math.max(d, t) * sp;
                for (int bh = from; bh < to; bh++) {
                    int bi = bh / heads;
                    int h = bh % heads;
                    int vo = bi * s * ldv + vCol + h * d;
                    int go = bi * t * e + h * d;
                    int wo = bh * t * s;
                    if (gw != null) {
                        // dW[r][j] = sum_c G[r, c] V^T[c][j]
                        transpose(vd, vo, ldv, s, d, ws, 0, sp);
                        product(g, go, 1, e, d, t, ws, 0, sp, sp, ws, res, sp, false);
                        for (int r = 0; r < t; r++) {
                            for (int j = 0; j < s; j++) {
                                gw[wo + r * s + j] += ws[res + r * sp + j];
                            }
                        }
                    }
                    if (gv != null && alongHead) {
                        // dV[j] += sum_r W[r][j] G[r]
                        product(wd, wo, s, 1, t, s, g, go, e, d, gv, vo, ldv, true);
                    } else if (gv != null) {
                        // dV^T[c][j] = sum_r G[r, c] W[r][j]
                        for (int r = 0; r < t; r++) {
                            System.arraycopy(wd, wo + r * s, ws, r * sp, s);
                            Arrays.fill(ws, r * sp + s, r * sp + sp, 0f);
                        }
                        product(g, go, e, 1, t, d, ws, 0, sp, sp, ws, res, sp, false);
                        addTransposed(ws, res, sp, d, s, gv, vo, ldv);
                    }
                }
            });
        }, w, v);
    }

    /**
     * The one product of this class: {@code out[oo + c*lo + x] = sum_p a[ao + p*ap + c*ac] * bm[bo + p*lb + x]}
     * for {@code c < n}, {@code p < kn} and {@code x < np} (a multiple of the vector length): every
     * row {@code c} of the result is a combination of the {@code kn} vector rows of {@code bm}
     * with coefficients from {@code a}, read with any strides (so {@code a} may be used transposed
     * in place). With {@code add} the result is added to {@code out} instead of replacing it. Four
     * rows at a time share each load of {@code bm}.
     */
    private static void product(float[] a, int ao, int ap, int ac, int kn, int n, float[] bm, int bo, int lb, int np,
                                float[] out, int oo, int lo, boolean add) {
        int c = 0;
        for (; c + 4 <= n; c += 4) {
            int a0 = ao + c * ac;
            int x = 0;
            // Two vectors of each of the four rows at a time: each broadcast of A feeds two
            // multiply-adds (six loads per eight, against five per four one vector at a time),
            // every output still summed over p in order, so the bits do not change.
            for (; x + 2 * L <= np; x += 2 * L) {
                int o = oo + c * lo + x;
                FloatVector acc0 = add ? FloatVector.fromArray(S, out, o) : FloatVector.broadcast(S, 0f);
                FloatVector acc1 = add ? FloatVector.fromArray(S, out, o + lo) : FloatVector.broadcast(S, 0f);
                FloatVector acc2 = add ? FloatVector.fromArray(S, out, o + 2 * lo) : FloatVector.broadcast(S, 0f);
                FloatVector acc3 = add ? FloatVector.fromArray(S, out, o + 3 * lo) : FloatVector.broadcast(S, 0f);
                FloatVector acc4 = add ? FloatVector.fromArray(S, out, o + L) : FloatVector.broadcast(S, 0f);
                FloatVector acc5 = add ? FloatVector.fromArray(S, out, o + lo + L) : FloatVector.broadcast(S, 0f);
                FloatVector acc6 = add ? FloatVector.fromArray(S, out, o + 2 * lo + L) : FloatVector.broadcast(S, 0f);
                FloatVector acc7 = add ? FloatVector.fromArray(S, out, o + 3 * lo + L) : FloatVector.broadcast(S, 0f);
                for (int p = 0; p < kn; p++) {
                    int bi = bo + p * lb + x;
                    FloatVector bv = FloatVector.fromArray(S, bm, bi);
                    FloatVector bw = FloatVector.fromArray(S, bm, bi + L);
                    int ai = a0 + p * ap;
                    FloatVector av = FloatVector.broadcast(S, a[ai]);
                    acc0 = bv.fma(av, acc0);
                    acc4 = bw.fma(av, acc4);
                    av = FloatVector.broadcast(S, a[ai + ac]);
                    acc1 = bv.fma(av, acc1);
                    acc5 = bw.fma(av, acc5);
                    av = FloatVector.broadcast(S, a[ai + 2 * ac]);
                    acc2 = bv.fma(av, acc2);
                    acc6 = bw.fma(av, acc6);
                    av = FloatVector.broadcast(S, a[ai + 3 * ac]);
                    acc3 = bv.fma(av, acc3);
                    acc7 = bw.fma(av, acc7);
                }
                acc0.intoArray(out, o);
                acc1.intoArray(out, o + lo);
                acc2.intoArray(out, o + 2 * lo);
                acc3.intoArray(out, o + 3 * lo);
                acc4.intoArray(out, o + L);
                acc5.intoArray(out, o + lo + L);
                acc6.intoArray(out, o + 2 * lo + L);
                acc7.intoArray(out, o + 3 * lo + L);
            }
            for (; x < np; x += L) {
                int o = oo + c * lo + x;
                FloatVector acc0 = add ? FloatVector.fromArray(S, out, o) : FloatVector.broadcast(S, 0f);
                FloatVector acc1 = add ? FloatVector.fromArray(S, out, o + lo) : FloatVector.broadcast(S, 0f);
                FloatVector acc2 = add ? FloatVector.fromArray(S, out, o + 2 * lo) : FloatVector.broadcast(S, 0f);
                FloatVector acc3 = add ? FloatVector.fromArray(S, out, o + 3 * lo) : FloatVector.broadcast(S, 0f);
                for (int p = 0; p < kn; p++) {
                    FloatVector bv = FloatVector.fromArray(S, bm, bo + p * lb + x);
                    int ai = a0 + p * ap;
                    acc0 = bv.fma(FloatVector.broadcast(S, a[ai]), acc0);
                    acc1 = bv.fma(FloatVector.broadcast(S, a[ai + ac]), acc1);
                    acc2 = bv.fma(FloatVector.broadcast(S, a[ai + 2 * ac]), acc2);
                    acc3 = bv.fma(FloatVector.broadcast(S, a[ai + 3 * ac]), acc3);
                }
                acc0.intoArray(out, o);
                acc1.intoArray(out, o + lo);
                acc2.intoArray(out, o + 2 * lo);
                acc3.intoArray(out, o + 3 * lo);
            }
        }
        for (; c < n; c++) {
            int a0 = ao + c * ac;
            for (int x = 0; x < np; x += L) {
                int o = oo + c * lo + x;
                FloatVector acc = add ? FloatVector.fromArray(S, out, o) : FloatVector.broadcast(S, 0f);
                for (int p = 0; p < kn; p++) {
                    acc = FloatVector.fromArray(S, bm, bo + p * lb + x).fma(FloatVector.broadcast(S, a[a0 + p * ap]), acc);
                }
                acc.intoArray(out, o);
            }
        }
    }

    /**
     * Copies the {@code rows x cols} block at {@code src[so]} (row stride {@code ld}) transposed
     * into {@code dst[dOff]}: {@code cols} rows of {@code width} floats, zero past {@code rows}.
     */
    private static void transpose(float[] src, int so, int ld, int rows, int cols, float[] dst, int dOff, int width) {
        for (int p = 0; p < cols; p++) {
            int o = dOff + p * width;
            for (int j = 0; j < rows; j++) {
                dst[o + j] = src[so + j * ld + p];
            }
            Arrays.fill(dst, o + rows, o + width, 0f);
        }
    }

    /** {@code dst[dOff + j*ld + c] += src[so + c*width + j]} for {@code c < d}, {@code j < n}: adds a transposed result. */
    private static void addTransposed(float[] src, int so, int width, int d, int n, float[] dst, int dOff, int ld) {
        for (int j = 0; j < n; j++) {
            int o = dOff + j * ld;
            for (int c = 0; c < d; c++) {
                dst[o + c] += src[so + c * width + j];
            }
        }
    }
}
