package org.gyrus.pipeline;

import java.util.Arrays;
import java.util.Map;

/**
 * Engine overhead: a chain of 200 trivial nodes, timed from {@link Executor#start} to the result
 * (validation and cache keys included), without cache, with a memory cache (cold) and again with
 * it warm. A benchmark, not a test: run {@code main}. Prints medians over 20 runs after 20 warm-up runs.
 */
public final class ChainBenchmark {

    private ChainBenchmark() {
    }

    static Pipeline chain(int n) {
        Pipeline p = Pipeline.named("chain").withNode(Pipeline.Node.of("n0", "test.source", "1.0.0", Map.of()));
        for (int i = 1; i < n; i++) {
            p = p.withNode(Pipeline.Node.of("n" + i, "test.add", "1.2.0", Map.of("amount", 1))).withEdge("n" + (i - 1), "value", "n" + i, "value");
        }
        return p;
    }

    /** Runs the benchmark; the argument is the chain length (default 200). */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        NodeRegistry registry = FakeNode.registry(FakeNode.source("1.0.0"), FakeNode.add());
        Pipeline p = chain(n);
        System.out.printf("%d-node chain, %d cores%n", n, Runtime.getRuntime().availableProcessors());
        System.out.printf("no cache:            %s%n", time(registry, p, null, false));
        System.out.printf("memory cache, cold:  %s%n", time(registry, p, null, true));
        ResultCache warm = ResultCache.inMemory(10 * n);
        Executor.builder(registry).cache(warm).build().run(p, Map.of());
        System.out.printf("memory cache, warm:  %s%n", time(registry, p, warm, false));
    }

    private static String time(NodeRegistry registry, Pipeline p, ResultCache cache, boolean freshCache) throws Exception {
        double[] ms = new double[20];
        for (int round = -20; round < ms.length; round++) {
            ResultCache c = freshCache ? ResultCache.inMemory(1000) : cache;
            long t0 = System.nanoTime();
            RunResult r = Executor.builder(registry).cache(c).build().run(p, Map.of());
            long t = System.nanoTime() - t0;
            if (!r.succeeded()) {
                throw new IllegalStateException(r.toString());
            }
            if (round >= 0) {
                ms[round] = t / 1e6;
            }
        }
        Arrays.sort(ms);
        return String.format("median %.1f ms (min %.1f, max %.1f)", ms[ms.length / 2], ms[0], ms[ms.length - 1]);
    }
}
