package org.gyrus.reduce;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.gyrus.nn.linalg.Parallel;

/**
 * All eigenvalues and the leading eigenvectors of a real symmetric matrix, in double precision.
 *
 * <p>LAPACK's route for a few eigenvectors (dsytrd, dsterf, dstein, dormtr): Householder reduction
 * to tridiagonal form, eigenvalues of the tridiagonal matrix by implicit QL, eigenvectors of only
 * the wanted eigenvalues by inverse iteration (re-orthogonalised within clusters of close
 * eigenvalues), then the reflectors applied back. PCA wants 50 of 1,000 eigenvectors: accumulating
 * all of them through QL would cost about six times n³ flops where this costs n² k.
 */
final class SymmetricEigen {

    private static final double EPS = Math.ulp(1.0);
    /** dstein's criterion: eigenvalues closer than this times ‖T‖ form a cluster and are re-orthogonalised. */
    private static final double CLUSTER = 1e-3;
    private static final int INVERSE_ITERATIONS = 3;

    /** Eigenvalues in descending order, and the first k eigenvectors as rows of a k × n array. */
    record Result(double[] values, double[] vectors, int k) {
    }

    private final int n;
    private final double[] d;
    private final double[] e;
    /** The Householder vectors (v[0] = 1 implicit as stored) and their scales, step j acting on j+1..n-1. */
    private final double[][] reflectors;
    private final double[] tau;

    private SymmetricEigen(int n) {
        this.n = n;
        this.d = new double[n];
        this.e = new double[Math.max(n, 1)];
        this.reflectors = new double[Math.max(0, n - 2)][];
        this.tau = new double[Math.max(0, n - 2)];
    }

    /**
     * Decomposes the symmetric n × n matrix {@code a} (row-major; only read) and returns all
     * eigenvalues, largest first, with the eigenvectors of the first {@code k}.
     */
    static Result decompose(double[] a, int n, int k, int threads) {
        return decompose(a, n, values -> k, threads);
    }

    /**
     * As {@link #decompose(double[], int, int, int)}, the number of eigenvectors chosen from the
     * eigenvalues (largest first) once they are known.
     */
    static Result decompose(double[] a, int n, ToIntFunction<double[]> howMany, int threads) {
        SymmetricEigen s = new SymmetricEigen(n);
        s.tridiagonalize(a, threads);
        double[] values = s.eigenvalues();
        int k = howMany.applyAsInt(values);
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("Cannot compute " + k + " eigenvectors of a " + n + " × " + n + " matrix");
        }
        double[] vectors = s.eigenvectors(values, k);
        s.backTransform(vectors, k);
        return new Result(values, vectors, k);
    }

    /**
     * A = Q T Qᵀ by n − 2 Householder reflections (dsytd2), keeping the reflectors for Q. Only the
     * lower triangle is kept up to date, and the rank-2 update of step j shares its sweep over it
     * with the matrix–vector product of step j + 1 (a dot product and an axpy on the same row
     * segment): one read and write of half the matrix per step. The reduction is bound by memory
     * traffic, not arithmetic, so this is what makes it fast.
     */
    private void tridiagonalize(double[] packed, int threads) {
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = Arrays.copyOfRange(packed, i * n, i * n + i + 1);
        }
        if (n < 3) {
            finish(a);
            return;
        }
        reflect(a, 0);
        double[] p = lowerMatVec(a, 1, n - 1, reflectors[0], tau[0], threads);
        for (int j = 0; j < n - 2; j++) {
            int m = n - j - 1;
            int off = j + 1;
            double t = tau[j];
            double[] v = reflectors[j];
            boolean next = j + 1 < n - 2;
            if (t != 0) {
                double pv = 0;
                for (int i = 0; i < m; i++) {
                    pv += p[i] * v[i];
                }
                double kk = 0.5 * t * pv;
                double[] w = new double[m];
                for (int i = 0; i < m; i++) {
                    w[i] = p[i] - kk * v[i];
                }
                // Column off first (with the diagonal): it defines the next reflector.
                for (int r = 0; r < m; r++) {
                    a[off + r][off] -= v[r] * w[0] + w[r] * v[0];
                }
                if (next) {
                    reflect(a, j + 1);
                    p = updateAndMatVec(a, off, m, v, w, reflectors[j + 1], tau[j + 1], threads);
                } else {
                    for (int r = 1; r < m; r++) {
                        double[] row = a[off + r];
                        for (int c = 1; c <= r; c++) {
                            row[off + c] -= v[r] * w[c] + w[r] * v[c];
                        }
                    }
                }
            } else if (next) {
                // H_j is the identity: nothing to update; the next step needs its own product.
                reflect(a, j + 1);
                p = lowerMatVec(a, j + 2, n - j - 2, reflectors[j + 1], tau[j + 1], threads);
            }
        }
        finish(a);
    }

    private static final VectorSpecies<Double> S = Species.DOUBLE;

    /**
     * The rank-2 update A22 −= v wᵀ + w vᵀ of rows off+1.. (columns off+1..row, the lower
     * triangle; column off is done) fused with p' = τ' A'22 v' of the next step, whose block
     * starts at off + 1.
     */
    private static double[] updateAndMatVec(double[][] a, int off, int m, double[] v, double[] w, double[] vn, double tn,
                                            int threads) {
        int mn = m - 1;
        double[][] partial = parallelRows(mn, threads, true, (r0, r1, pn) -> {
            double[] lanes = new double[S.length()];
            for (int rr = r0; rr < r1; rr++) {
                int r = rr + 1; // row off + r of the current block, row rr of the next
                double[] row = a[off + r];
                double vr = v[r];
                double wr = w[r];
                double vnr = vn[rr];
                int base = off + 1;
                DoubleVector vvr = DoubleVector.broadcast(S, vr);
                DoubleVector vwr = DoubleVector.broadcast(S, wr);
                DoubleVector vvn = DoubleVector.broadcast(S, vnr);
                DoubleVector dot = DoubleVector.zero(S);
                int c = 0;
                int bound = S.loopBound(rr);
                for (; c < bound; c += S.length()) {
                    // c indexes the next block's columns: current block column c + 1
                    DoubleVector x = DoubleVector.fromArray(S, row, base + c)
                            .sub(vvr.mul(DoubleVector.fromArray(S, w, c + 1)).add(vwr.mul(DoubleVector.fromArray(S, v, c + 1))));
                    x.intoArray(row, base + c);
                    dot = x.fma(DoubleVector.fromArray(S, vn, c), dot);
                    x.fma(vvn, DoubleVector.fromArray(S, pn, c)).intoArray(pn, c);
                }
                // Lanes added in a fixed order: reduceLanes(ADD) may add them in any order, and its order
                // changes once the JIT compiles the loop, so two runs would differ in the last bits.
                dot.intoArray(lanes, 0);
                double d = 0;
                for (double lane : lanes) {
                    d += lane;
                }
                for (; c < rr; c++) {
                    double x = row[base + c] - (vr * w[c + 1] + wr * v[c + 1]);
                    row[base + c] = x;
                    d += x * vn[c];
                    pn[c] += x * vnr;
                }
                double diag = row[base + rr] - 2 * vr * wr;
                row[base + rr] = diag;
                pn[rr] += d + diag * vnr;
            }
        });
        return sum(partial, mn, tn);
    }

    /** τ A[off.., off..] v from the lower triangle: a dot product and an axpy per row. */
    private static double[] lowerMatVec(double[][] a, int off, int m, double[] v, double t, int threads) {
        double[][] partial = parallelRows(m, threads, true, (r0, r1, p) -> {
            for (int r = r0; r < r1; r++) {
                double[] row = a[off + r];
                double vr = v[r];
                double d = 0;
                for (int c = 0; c < r; c++) {
                    d += row[off + c] * v[c];
                    p[c] += row[off + c] * vr;
                }
                p[r] += d + row[off + r] * vr;
            }
        });
        return sum(partial, m, t);
    }

    private static double[] sum(double[][] partial, int m, double t) {
        double[] p = partial[0];
        for (int q = 1; q < partial.length; q++) {
            double[] o = partial[q];
            for (int c = 0; c < m; c++) {
                p[c] += o[c];
            }
        }
        for (int c = 0; c < m; c++) {
            p[c] *= t;
        }
        return p;
    }

    /** The reflector of step j from column j below the diagonal: v, τ, and T's d[j], e[j]. */
    private void reflect(double[][] a, int j) {
        int m = n - j - 1;
        int off = j + 1;
        double alpha = a[off][j];
        // ‖x‖ scaled by its largest entry: no overflow, and no hypot per element (slow).
        double scale = 0;
        for (int i = off + 1; i < n; i++) {
            scale = Math.max(scale, Math.abs(a[i][j]));
        }
        double xnorm = 0;
        if (scale > 0) {
            double ss = 0;
            double inv = 1 / scale;
            for (int i = off + 1; i < n; i++) {
                double x = a[i][j] * inv;
                ss += x * x;
            }
            xnorm = scale * Math.sqrt(ss);
        }
        d[j] = a[j][j];
        double[] v = new double[m];
        v[0] = 1;
        reflectors[j] = v;
        if (xnorm == 0) {
            e[j] = alpha;
            tau[j] = 0;
            return;
        }
        double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
        tau[j] = (beta - alpha) / beta;
        double s = 1 / (alpha - beta);
        for (int i = 1; i < m; i++) {
            v[i] = a[off + i][j] * s;
        }
        e[j] = beta;
    }

    private void finish(double[][] a) {
        if (n >= 2) {
            d[n - 2] = a[n - 2][n - 2];
            e[n - 2] = a[n - 1][n - 2];
        }
        if (n >= 1) {
            d[n - 1] = a[n - 1][n - 1];
            e[n - 1] = 0;
        }
    }

    private interface RowSum {
        void run(int r0, int r1, double[] acc);
    }

    /**
     * Runs {@code sum} over rows [0, m) in parts on up to {@code threads} threads, each part with
     * a zeroed accumulator of length m, and returns the accumulators. With {@code triangular}, row
     * r costs r, so the parts split the rows at √ of the work fractions.
     */
    private static double[][] parallelRows(int m, int threads, boolean triangular, RowSum sum) {
        // Below ~200 rows a fork–join costs more than the sweep it would split.
        int parts = m < 192 ? 1 : Math.max(1, threads);
        double[][] acc = new double[parts][];
        if (parts == 1) {
            acc[0] = new double[Math.max(m, 0)];
            sum.run(0, m, acc[0]);
            return acc;
        }
        int[] cut = new int[parts + 1];
        for (int q = 1; q < parts; q++) {
            double f = (double) q / parts;
            cut[q] = (int) Math.round(m * (triangular ? Math.sqrt(f) : f));
        }
        cut[parts] = m;
        Parallel.forParts(parts, part -> {
            acc[part] = new double[m];
            sum.run(cut[part], cut[part + 1], acc[part]);
        });
        return acc;
    }

    /** Eigenvalues of T by implicit QL with Wilkinson-like shifts (EISPACK tql1), sorted descending. */
    private double[] eigenvalues() {
        double[] dd = d.clone();
        double[] ee = e.clone();
        double f = 0;
        double tst1 = 0;
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(dd[l]) + Math.abs(ee[l]));
            int m = l;
            while (m < n - 1 && Math.abs(ee[m]) > EPS * tst1) {
                m++;
            }
            if (m > l) {
                int iter = 0;
                do {
                    if (++iter > 60) {
                        throw new ArithmeticException("The eigenvalue iteration did not converge (matrix with NaN or infinite values?)");
                    }
                    double g = dd[l];
                    double p = (dd[l + 1] - g) / (2 * ee[l]);
                    double r = Math.hypot(p, 1);
                    if (p < 0) {
                        r = -r;
                    }
                    dd[l] = ee[l] / (p + r);
                    dd[l + 1] = ee[l] * (p + r);
                    double dl1 = dd[l + 1];
                    double h = g - dd[l];
                    for (int i = l + 2; i < n; i++) {
                        dd[i] -= h;
                    }
                    f += h;
                    p = dd[m];
                    double c = 1, c2 = 1, c3 = 1;
                    double el1 = ee[l + 1];
                    double s = 0, s2 = 0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * ee[i];
                        h = c * p;
                        r = Math.hypot(p, ee[i]);
                        ee[i + 1] = s * r;
                        s = ee[i] / r;
                        c = p / r;
                        p = c * dd[i] - s * g;
                        dd[i + 1] = h + s * (c * g + s * dd[i]);
                    }
                    p = -s * s2 * c3 * el1 * ee[l] / dl1;
                    ee[l] = s * p;
                    dd[l] = c * p;
                } while (Math.abs(ee[l]) > EPS * tst1);
            }
            dd[l] += f;
            ee[l] = 0;
        }
        Arrays.sort(dd);
        for (int i = 0; i < n / 2; i++) {
            double t = dd[i];
            dd[i] = dd[n - 1 - i];
            dd[n - 1 - i] = t;
        }
        return dd;
    }

    /** Eigenvectors of T for values[0..k) by inverse iteration (dstein), as rows. */
    private double[] eigenvectors(double[] values, int k) {
        double norm = 0;
        for (int i = 0; i < n; i++) {
            norm = Math.max(norm, Math.abs(d[i]) + Math.abs(e[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0));
        }
        double tiny = Math.max(norm, Double.MIN_NORMAL) * EPS;
        double[] out = new double[k * n];
        double[] dl = new double[n];
        double[] dd = new double[n];
        double[] du = new double[n];
        double[] du2 = new double[n];
        boolean[] swapped = new boolean[n];
        double[] x = new double[n];
        SplittableRandom random = new SplittableRandom(0x5eed);
        for (int q = 0; q < k; q++) {
            double lambda = values[q];
            int clusterStart = q;
            while (clusterStart > 0 && values[clusterStart - 1] - values[clusterStart] <= CLUSTER * norm) {
                clusterStart--;
            }
            factor(lambda, tiny, dl, dd, du, du2, swapped);
            for (int i = 0; i < n; i++) {
                x[i] = random.nextDouble(-1, 1);
            }
            for (int it = 0; it < INVERSE_ITERATIONS; it++) {
                solve(dl, dd, du, du2, swapped, x);
                normalize(x);
                for (int other = clusterStart; other < q; other++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += x[i] * out[other * n + i];
                    }
                    for (int i = 0; i < n; i++) {
                        x[i] -= dot * out[other * n + i];
                    }
                }
                normalize(x);
            }
            System.arraycopy(x, 0, out, q * n, n);
        }
        return out;
    }

    private static void normalize(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        if (max == 0 || !Double.isFinite(max)) {
            throw new ArithmeticException("Inverse iteration broke down (matrix with NaN or infinite values?)");
        }
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] /= max;
            s += x[i] * x[i];
        }
        double inv = 1 / Math.sqrt(s);
        for (int i = 0; i < x.length; i++) {
            x[i] *= inv;
        }
    }

    /** LU with partial pivoting of T − λI (dgttrf); pivots smaller than {@code tiny} are raised to it. */
    private void factor(double lambda, double tiny, double[] dl, double[] dd, double[] du, double[] du2, boolean[] swapped) {
        for (int i = 0; i < n; i++) {
            dd[i] = d[i] - lambda;
            dl[i] = e[i];
            du[i] = e[i];
            du2[i] = 0;
            swapped[i] = false;
        }
        for (int i = 0; i < n - 1; i++) {
            if (Math.abs(dd[i]) >= Math.abs(dl[i])) {
                if (Math.abs(dd[i]) < tiny) {
                    dd[i] = Math.copySign(tiny, dd[i]);
                }
                double fact = dl[i] / dd[i];
                dl[i] = fact;
                dd[i + 1] -= fact * du[i];
            } else {
                double fact = dd[i] / dl[i];
                dd[i] = dl[i];
                dl[i] = fact;
                double temp = du[i];
                du[i] = dd[i + 1];
                dd[i + 1] = temp - fact * dd[i + 1];
                if (i < n - 2) {
                    du2[i] = du[i + 1];
                    du[i + 1] = -fact * du[i + 1];
                }
                swapped[i] = true;
            }
        }
        if (n > 0 && Math.abs(dd[n - 1]) < tiny) {
            dd[n - 1] = Math.copySign(tiny, dd[n - 1]);
        }
    }

    private void solve(double[] dl, double[] dd, double[] du, double[] du2, boolean[] swapped, double[] b) {
        for (int i = 0; i < n - 1; i++) {
            if (!swapped[i]) {
                b[i + 1] -= dl[i] * b[i];
            } else {
                double t = b[i];
                b[i] = b[i + 1];
                b[i + 1] = t - dl[i] * b[i];
            }
        }
        b[n - 1] /= dd[n - 1];
        if (n > 1) {
            b[n - 2] = (b[n - 2] - du[n - 2] * b[n - 1]) / dd[n - 2];
        }
        for (int i = n - 3; i >= 0; i--) {
            b[i] = (b[i] - du[i] * b[i + 1] - du2[i] * b[i + 2]) / dd[i];
        }
    }

    /**
     * x := H_0 H_1 … H_{n−3} x for each of the k rows. Worked on the transpose (n rows of k) so
     * that both the dot products and the updates are axpys across the k vectors.
     */
    private void backTransform(double[] vectors, int k) {
        if (k == 0) {
            return;
        }
        double[][] x = new double[n][k];
        for (int q = 0; q < k; q++) {
            for (int i = 0; i < n; i++) {
                x[i][q] = vectors[q * n + i];
            }
        }
        double[] dots = new double[k];
        for (int j = n - 3; j >= 0; j--) {
            double t = tau[j];
            if (t == 0) {
                continue;
            }
            double[] v = reflectors[j];
            int off = j + 1;
            Arrays.fill(dots, 0);
            for (int i = 0; i < v.length; i++) {
                double vi = v[i];
                double[] xi = x[off + i];
                for (int q = 0; q < k; q++) {
                    dots[q] += vi * xi[q];
                }
            }
            for (int q = 0; q < k; q++) {
                dots[q] *= t;
            }
            for (int i = 0; i < v.length; i++) {
                double vi = v[i];
                double[] xi = x[off + i];
                for (int q = 0; q < k; q++) {
                    xi[q] -= dots[q] * vi;
                }
            }
        }
        for (int q = 0; q < k; q++) {
            for (int i = 0; i < n; i++) {
                vectors[q * n + i] = x[i][q];
            }
        }
    }
}
