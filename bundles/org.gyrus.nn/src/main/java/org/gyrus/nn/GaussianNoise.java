package org.gyrus.nn;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.gyrus.nn.linalg.Parallel;

/**
 * A seeded source of independent standard normal floats for loops that draw many of them, such as
 * a diffusion sampler's noise (50,000 values per step over 1,000 steps): {@code java.util.Random}'s
 * {@code nextGaussian} (synchronised, two logarithms per pair in double) would take longer than
 * the network. Box–Muller on 16 lanes of xoshiro128+ generators, vectorised: u₁ ∈ (0, 1] and an
 * angle from 24 random bits each, r = √(−2 ln u₁), (r cos θ, r sin θ); ln, sin and cos are Cephes'
 * single-precision polynomials, so that (like {@link VectorMath}) the values are the same bits
 * whether or not the JIT has compiled the loop, on any vector width and any number of threads.
 * The tails stop at |z| = √(48 ln 2) ≈ 5.77 (u₁ ≥ 2⁻²⁴), as with other single-precision samplers.
 *
 * <p>An array is filled by {@link #STREAMS} generators, each owning a fixed slice of it, so that
 * the slices can be filled in parallel and the values depend only on the seed and on the lengths
 * of the arrays filled so far. Not thread-safe: one instance per sampling run.
 */
public final class GaussianNoise {

    /** Generators per instance: each fills a fixed slice of the array, possibly on its own thread. */
    static final int STREAMS = 8;
    /** Lanes of one generator; the output layout does not depend on the machine's vector width. */
    private static final int LANES = 16;
    /** Values one generator makes per round: a cosine and a sine half. */
    private static final int BLOCK = 2 * LANES;
    /** Below this many values the fill stays on the calling thread (the values are the same either way). */
    private static final int PARALLEL_MIN = 1 << 14;

    private static final VectorSpecies<Integer> SI = IntVector.SPECIES_PREFERRED.length() >= LANES
            ? IntVector.SPECIES_512 : IntVector.SPECIES_256;
    private static final VectorSpecies<Float> SF = SI.length() == 16 ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
    private static final int W = SI.length();

    private static final float TWO_M24 = 0x1p-24f;
    private static final float HALF_PI = (float) (Math.PI / 2);
    // Cephes logf
    private static final float SQRTHF = 0.707106781186547524f;
    private static final float L0 = 7.0376836292E-2f;
    private static final float L1 = -1.1514610310E-1f;
    private static final float L2 = 1.1676998740E-1f;
    private static final float L3 = -1.2420140846E-1f;
    private static final float L4 = 1.4249322787E-1f;
    private static final float L5 = -1.6668057665E-1f;
    private static final float L6 = 2.0000714765E-1f;
    private static final float L7 = -2.4999993993E-1f;
    private static final float L8 = 3.3333331174E-1f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    // Cephes sinf / cosf on [-pi/4, pi/4]
    private static final float S0 = -1.9515295891E-4f;
    private static final float S1 = 8.3321608736E-3f;
    private static final float S2 = -1.6666654611E-1f;
    private static final float C0 = 2.443315711809948E-5f;
    private static final float C1 = -1.388731625493765E-3f;
    private static final float C2 = 4.166664568298827E-2f;

    /** state[s][w]: word w (0..3) of the xoshiro128+ state of the LANES lanes of stream s. */
    private final int[][][] state = new int[STREAMS][4][LANES];
    /** One round of a stream, for the slice's last, partial block. */
    private final float[][] tail = new float[STREAMS][BLOCK];

    /** @param seed the seed; equal seeds give equal sequences */
    public GaussianNoise(long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int[][] s : state) {
            for (int lane = 0; lane < LANES; lane++) {
                int or = 0;
                for (int w = 0; w < 4; w++) {
                    s[w][lane] = seeds.nextInt();
                    or |= s[w][lane];
                }
                if (or == 0) {
                    s[0][lane] = 1; // the all-zero state is xoshiro's one fixed point
                }
            }
        }
    }

    /** Fills {@code out} with independent N(0, 1) values, on up to {@link Parallel#threads()} threads. */
    public void fill(float[] out) {
        fill(out, out.length >= PARALLEL_MIN);
    }

    /**
     * Fills part {@code part} of {@code parts} (at most {@link #STREAMS}) of what {@link #fill(float[])}
     * would write into {@code out}: the slices of generators {@code [STREAMS·part/parts,
     * STREAMS·(part+1)/parts)}, on the calling thread. Calling it once for every part, on any
     * threads and in any order, gives {@code fill(out)}'s values: a caller that already runs its own
     * threads (a sampler's step) draws the noise there instead of handing it off.
     */
    public void fill(float[] out, int part, int parts) {
        if (parts < 1 || parts > STREAMS || part < 0 || part >= parts) {
            throw new IllegalArgumentException("GaussianNoise: part " + part + " of " + parts + " (1 to " + STREAMS + " parts)");
        }
        int n = out.length;
        for (int s = STREAMS * part / parts, end = STREAMS * (part + 1) / parts; s < end; s++) {
            stream(s, out, start(s, n), start(s + 1, n));
        }
    }

    void fill(float[] out, boolean parallel) {
        int n = out.length;
        if (parallel) {
            Parallel.forParts(STREAMS, s -> stream(s, out, start(s, n), start(s + 1, n)));
        } else {
            for (int s = 0; s < STREAMS; s++) {
                stream(s, out, start(s, n), start(s + 1, n));
            }
        }
    }

    /** The first index of stream s's slice: a multiple of BLOCK, so that only the last slice ends in a partial block. */
    private static int start(int s, int n) {
        return s == STREAMS ? n : (int) ((long) n * s / STREAMS) / BLOCK * BLOCK;
    }

    private void stream(int s, float[] out, int from, int to) {
        int full = from + (to - from) / BLOCK * BLOCK;
        boolean partial = full < to;
        int[][] st = state[s];
        for (int h = 0; h < LANES; h += W) {
            IntVector s0 = IntVector.fromArray(SI, st[0], h);
            IntVector s1 = IntVector.fromArray(SI, st[1], h);
            IntVector s2 = IntVector.fromArray(SI, st[2], h);
            IntVector s3 = IntVector.fromArray(SI, st[3], h);
            for (int i = from; i < full || (partial && i == full); i += BLOCK) {
                float[] dst = i < full ? out : tail[s];
                int o = i < full ? i : 0;
                // two xoshiro128+ outputs per lane, written out (a helper would box the vectors)
                IntVector u = s0.add(s3);
                IntVector t = s1.lanewise(VectorOperators.LSHL, 9);
                s2 = s2.lanewise(VectorOperators.XOR, s0);
                s3 = s3.lanewise(VectorOperators.XOR, s1);
                s1 = s1.lanewise(VectorOperators.XOR, s2);
                s0 = s0.lanewise(VectorOperators.XOR, s3);
                s2 = s2.lanewise(VectorOperators.XOR, t);
                s3 = s3.lanewise(VectorOperators.ROL, 11);
                IntVector v = s0.add(s3);
                t = s1.lanewise(VectorOperators.LSHL, 9);
                s2 = s2.lanewise(VectorOperators.XOR, s0);
                s3 = s3.lanewise(VectorOperators.XOR, s1);
                s1 = s1.lanewise(VectorOperators.XOR, s2);
                s0 = s0.lanewise(VectorOperators.XOR, s3);
                s2 = s2.lanewise(VectorOperators.XOR, t);
                s3 = s3.lanewise(VectorOperators.ROL, 11);
                // u1 = (top 24 bits + 1) / 2^24 in (0, 1], exact
                FloatVector u1 = ((FloatVector) u.lanewise(VectorOperators.LSHR, 8).add(1).convert(VectorOperators.I2F, 0)).mul(TWO_M24);
                FloatVector radius = log(u1).mul(-2f).sqrt();
                // angle: quadrant k from v's top two bits, x in [-pi/4, pi/4) from the next 24
                IntVector k = v.lanewise(VectorOperators.LSHR, 30);
                FloatVector x = ((FloatVector) v.lanewise(VectorOperators.LSHR, 6).and(0xFFFFFF).convert(VectorOperators.I2F, 0))
                        .fma(TWO_M24, -0.5f).mul(HALF_PI);
                FloatVector z = x.mul(x);
                FloatVector sin = z.fma(S0, S1).fma(z, FloatVector.broadcast(SF, S2)).mul(z).fma(x, x);
                FloatVector cos = z.fma(C0, C1).fma(z, FloatVector.broadcast(SF, C2)).mul(z).mul(z)
                        .add(z.mul(-0.5f)).add(1f);
                // (cos, sin) of x + k pi/2: k = 1 (-sin, cos), k = 2 (-cos, -sin), k = 3 (sin, -cos)
                VectorMask<Float> swap = k.and(1).compare(VectorOperators.NE, 0).cast(SF);
                FloatVector a = cos.blend(sin, swap);
                FloatVector b = sin.blend(cos, swap);
                IntVector signA = k.lanewise(VectorOperators.XOR, k.lanewise(VectorOperators.LSHR, 1)).and(1).lanewise(VectorOperators.LSHL, 31);
                IntVector signB = k.lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.LSHL, 31);
                a = (FloatVector) ((IntVector) radius.mul(a).reinterpretAsInts()).lanewise(VectorOperators.XOR, signA).reinterpretAsFloats();
                b = (FloatVector) ((IntVector) radius.mul(b).reinterpretAsInts()).lanewise(VectorOperators.XOR, signB).reinterpretAsFloats();
                a.intoArray(dst, o + h);
                b.intoArray(dst, o + LANES + h);
            }
            s0.intoArray(st[0], h);
            s1.intoArray(st[1], h);
            s2.intoArray(st[2], h);
            s3.intoArray(st[3], h);
        }
        if (partial) {
            System.arraycopy(tail[s], 0, out, full, to - full);
        }
    }

    /** ln x for x in (0, 1], Cephes' logf: x = m 2^e with m in [√½, √2), a polynomial in m − 1. */
    private static FloatVector log(FloatVector x) {
        IntVector bits = (IntVector) x.reinterpretAsInts();
        IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(126);
        FloatVector m = (FloatVector) bits.and(0x807FFFFF).or(0x3F000000).reinterpretAsFloats(); // [0.5, 1)
        VectorMask<Float> low = m.compare(VectorOperators.LT, SQRTHF);
        FloatVector fe = ((FloatVector) e.convert(VectorOperators.I2F, 0)).sub(FloatVector.broadcast(SF, 1f), low);
        FloatVector f = m.add(m.blend(0f, low.not())).sub(1f);
        FloatVector z = f.mul(f);
        FloatVector y = f.fma(L0, L1).fma(f, FloatVector.broadcast(SF, L2)).fma(f, FloatVector.broadcast(SF, L3))
                .fma(f, FloatVector.broadcast(SF, L4)).fma(f, FloatVector.broadcast(SF, L5)).fma(f, FloatVector.broadcast(SF, L6))
                .fma(f, FloatVector.broadcast(SF, L7)).fma(f, FloatVector.broadcast(SF, L8)).mul(f).mul(z);
        y = fe.fma(FloatVector.broadcast(SF, LN2_LO), y);
        y = z.fma(FloatVector.broadcast(SF, -0.5f), y);
        return f.add(y).add(fe.mul(LN2_HI));
    }
}
