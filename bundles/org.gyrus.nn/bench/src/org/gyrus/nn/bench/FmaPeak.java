package org.gyrus.nn.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's float32 multiply-add peak as Java reaches it: each thread runs 12 independent
 * chains of FMAs of the CPU's preferred vector width (512 bits with AVX-512, 256 with AVX2: a
 * fixed 512-bit species would not be compiled to vector instructions on an AVX2 CPU; 12 chains
 * are more than latency × pipes, so the pipes never wait) and nothing else.
 * The clock a VM reports in {@code /proc/cpuinfo} is not the one its cores boost to, so a
 * percentage of peak, or a claim that a goal needs more than the machine can do, is taken
 * against this figure measured in the same session. Benchmark main, not a test:
 * <pre>
 * javac --add-modules jdk.incubator.vector -d /tmp/fma bundles/org.gyrus.nn/bench/src/org/gyrus/nn/bench/FmaPeak.java
 * java --add-modules jdk.incubator.vector -cp /tmp/fma org.gyrus.nn.bench.FmaPeak [THREADS] [ROUNDS]
 * </pre>
 * It prints GFLOP/s per round (the first two include compilation) and the median of the rest.
 */
public final class FmaPeak {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final long ITERATIONS = 200_000_000L;
    private static final int CHAINS = 12;

    private FmaPeak() {
    }

    private static float chains(long iterations, float seed) {
        FloatVector a = FloatVector.broadcast(S, 1.0000001f);
        FloatVector b = FloatVector.broadcast(S, 0.9999999f);
        FloatVector c0 = FloatVector.broadcast(S, seed), c1 = c0.add(1), c2 = c0.add(2), c3 = c0.add(3);
        FloatVector c4 = c0.add(4), c5 = c0.add(5), c6 = c0.add(6), c7 = c0.add(7);
        FloatVector c8 = c0.add(8), c9 = c0.add(9), c10 = c0.add(10), c11 = c0.add(11);
        for (long i = 0; i < iterations; i++) {
            c0 = a.fma(c0, b); c1 = a.fma(c1, b); c2 = a.fma(c2, b); c3 = a.fma(c3, b);
            c4 = a.fma(c4, b); c5 = a.fma(c5, b); c6 = a.fma(c6, b); c7 = a.fma(c7, b);
            c8 = a.fma(c8, b); c9 = a.fma(c9, b); c10 = a.fma(c10, b); c11 = a.fma(c11, b);
        }
        // the sum keeps the chains alive for the compiler
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    public static void main(String[] args) throws InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        double[] rates = new double[rounds];
        float[] sink = new float[threads];
        for (int r = 0; r < rounds; r++) {
            Thread[] workers = new Thread[threads];
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers[t] = new Thread(() -> sink[id] = chains(ITERATIONS, id));
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            rates[r] = threads * ITERATIONS * CHAINS * S.length() * 2.0 / seconds / 1e9;
            System.out.printf("round %d: %.1f GFLOP/s (%d threads)%n", r + 1, rates[r], threads);
        }
        double[] warm = java.util.Arrays.copyOfRange(rates, Math.min(2, rounds - 1), rounds);
        java.util.Arrays.sort(warm);
        System.out.printf("median of warm rounds: %.1f GFLOP/s, %d threads, %d-bit vectors (sink %s)%n",
                warm[warm.length / 2], threads, S.vectorBitSize(), sink[0] == 42 ? "!" : "ok");
    }
}
