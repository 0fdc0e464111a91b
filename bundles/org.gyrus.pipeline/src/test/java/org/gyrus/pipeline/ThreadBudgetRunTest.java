package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.gyrus.nn.linalg.Gemm;
import org.gyrus.nn.linalg.Parallel;
import org.gyrus.nn.linalg.ThreadBudget;
import org.junit.jupiter.api.Test;

/**
 * {@code --threads} bounds all the computing of a run: nodes running side by side and the kernels
 * they call share one budget. Threads that compute are seen two ways: the threads that ran the
 * kernels' parts, and every thread's CPU time sampled while the run goes on, which also catches
 * work that slipped past the budget onto some other pool.
 */
class ThreadBudgetRunTest {

    /** Two independent branches, each a node that multiplies matrices and splits a loop of its own. */
    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static final AtomicInteger MOST = new AtomicInteger();
    private static final Set<Thread> PART_THREADS = ConcurrentHashMap.newKeySet();

    private static FakeNode heavy() {
        return new FakeNode(NodeDescriptor.builder("test.heavy", "1.0.0").output("value", Double.class, "").build(), c -> {
            int n = 512;
            Random r = new Random(c.seed());
            float[] a = new float[n * n];
            float[] b = new float[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextFloat();
                b[i] = r.nextFloat();
            }
            float[] out = new float[n * n];
            double sum = 0;
            for (int round = 0; round < 50; round++) {
                c.checkCancelled();
                Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, out, 0, n);
                // On a loaded machine a second thread may be scheduled only after the first has run
                // every part; in the first round the first parts wait (briefly) for each other, so
                // that parts run side by side whenever the budget really gives two threads.
                int together = round == 0 ? Math.min(2, c.threads()) : 0;
                Parallel.forParts(c.threads() * 2, p -> {
                    MOST.accumulateAndGet(ACTIVE.incrementAndGet(), Math::max);
                    long until = System.nanoTime() + 2_000_000_000L;
                    while (p < together && ACTIVE.get() < together && System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    MOST.accumulateAndGet(ACTIVE.get(), Math::max);
                    PART_THREADS.add(Thread.currentThread());
                    double s = 0;
                    for (int i = 0; i < 400_000; i++) {
                        s += Math.sqrt(i + p);
                    }
                    out[p] += (float) (s * 1e-12);
                    ACTIVE.decrementAndGet();
                });
                sum += out[0];
            }
            c.output("value", sum);
        });
    }

    private static Pipeline branches(int count) {
        Pipeline p = Pipeline.named("branches");
        for (int i = 0; i < count; i++) {
            p = p.withNode(Pipeline.Node.of("b" + i, "test.heavy", "1.0.0", Map.of()));
        }
        return p;
    }

    private record Observed(Set<Long> busyThreads, int mostPartsAtOnce, int partThreads, RunResult result) {
    }

    private static Observed run(Executor executor, Pipeline p) throws Exception {
        ACTIVE.set(0);
        MOST.set(0);
        PART_THREADS.clear();
        try (CpuSampler sampler = new CpuSampler()) {
            RunResult r = executor.run(p, Map.of());
            assertTrue(r.succeeded(), () -> r.failures().toString());
            return new Observed(sampler.busyThreads(50_000_000L), MOST.get(), PART_THREADS.size(), r);
        }
    }

    @Test
    void oneThreadMeansOneComputingThread() throws Exception {
        Observed o = run(Executor.builder(FakeNode.registry(heavy())).threads(1).build(), branches(2));
        assertEquals(1, o.busyThreads().size(), "threads that computed: " + o.busyThreads());
        assertEquals(1, o.partThreads());
        assertEquals(1, o.mostPartsAtOnce());
    }

    @Test
    void twoThreadsAreBothUsedByOneNode() throws Exception {
        Observed o = run(Executor.builder(FakeNode.registry(heavy())).threads(2).build(), branches(1));
        assertTrue(o.busyThreads().size() >= 2, "threads that computed: " + o.busyThreads());
        assertTrue(o.partThreads() >= 2, "threads that ran kernel parts: " + o.partThreads());
        assertEquals(2, o.mostPartsAtOnce());
    }

    @Test
    void parallelBranchesShareTheBudget() throws Exception {
        try (ThreadBudget budget = new ThreadBudget(2)) {
            Observed o = run(Executor.builder(FakeNode.registry(heavy())).budget(budget).build(), branches(3));
            assertTrue(o.mostPartsAtOnce() <= 2, "kernel parts running at once: " + o.mostPartsAtOnce());
            assertTrue(budget.peakThreads() <= 2, "threads computing at once: " + budget.peakThreads());
            assertTrue(o.busyThreads().size() >= 2, "threads that computed: " + o.busyThreads());
            assertEquals(2, o.result().threads());
        }
    }

    @Test
    void aNodeRunByItselfWorksUnderItsOwnBudget() throws Exception {
        FakeNode node = heavy();
        PART_THREADS.clear();
        Map<String, Object> out = NodeRun.builder(node.descriptor()).threads(1).build().execute(node);
        assertTrue(out.containsKey("value"));
        assertEquals(1, PART_THREADS.size());
    }
}
