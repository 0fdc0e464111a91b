package org.gyrus.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gyrus.data.Volume;
import org.gyrus.io.nifti.NiftiWriter;
import org.gyrus.nn.linalg.ThreadBudget;
import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.RunResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@code --threads} bounds a real run: the installed NIfTI reader (a large gzipped image, inflated
 * beside the decoding, and a large plain one, decoded in parts), the synthetic cohort, Volumes to
 * Features, PCA, an autoencoder and the KNN imputer, side by side in independent branches. With a
 * budget of one thread a single thread computes; with two, two do and never more at once.
 */
class ThreadBudgetInOsgiTest {

    /**
     * 100 ms of CPU: more than the coordinator's bookkeeping in a cold JVM (up to about 45 ms seen),
     * far less than what the nodes here compute (over a second).
     */
    private static final long OTHERS = 100_000_000L;

    private static ServiceTracker<NodeRegistry, NodeRegistry> tracker;
    private static NodeRegistry registry;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(ThreadBudgetInOsgiTest.class).getBundleContext();
        tracker = new ServiceTracker<>(context, NodeRegistry.class, null);
        tracker.open();
        registry = tracker.waitForService(TimeUnit.SECONDS.toMillis(20));
        assertNotNull(registry, "the NodeRegistry service did not appear");
        // 160³ float32 voxels: 16 MB, enough for the reader's parallel paths.
        long n = 160;
        float[] v = new float[(int) (n * n * n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 1e-3) * 100 + (i % 977);
        }
        Volume big = Volume.builder(v, n, n, n).build();
        NiftiWriter.nifti1().write(big, dir.resolve("big.nii.gz"));
        NiftiWriter.nifti1().write(big, dir.resolve("big.nii"));
    }

    @AfterAll
    static void close() {
        tracker.close();
    }

    private static Pipeline pipeline() {
        return Pipeline.named("budget").withSeed(7)
                .withNode(Pipeline.Node.of("gz", "org.gyrus.io.read-volume", "1.0.0", Map.of("file", dir.resolve("big.nii.gz").toString())))
                .withNode(Pipeline.Node.of("plain", "org.gyrus.io.read-volume", "1.0.0", Map.of("file", dir.resolve("big.nii").toString())))
                .withNode(Pipeline.Node.of("cohort", "org.gyrus.samples.cohort", "1.0.0", Map.of("subjects", 48, "size", 40)))
                .withNode(Pipeline.Node.of("features", "org.gyrus.io.volumes-to-features", "1.0.0", Map.of()))
                .withEdge("cohort", "volumes", "features", "volumes")
                .withEdge("cohort", "mask", "features", "mask")
                .withNode(Pipeline.Node.of("pca", "org.gyrus.reduce.pca", "1.0.0", Map.of("components", 5, "solver", "full")))
                .withEdge("features", "features", "pca", "features")
                .withNode(Pipeline.Node.of("ae", "org.gyrus.reduce.autoencoder", "1.0.0", Map.of("layers", java.util.List.of(128, 4), "epochs", 120)))
                .withEdge("features", "features", "ae", "features")
                .withNode(Pipeline.Node.of("knn", "org.gyrus.preprocess.knn-imputer", "1.0.0", Map.of()))
                .withEdge("cohort", "clinical", "knn", "table");
    }

    /** The CPU time of each thread during a run of the pipeline, busiest first. */
    private static Map<String, Long> cpuOfARun(Executor executor) throws Exception {
        try (CpuSampler sampler = new CpuSampler()) {
            RunResult r = executor.run(pipeline(), Map.of());
            assertTrue(r.succeeded(), () -> "the run failed: " + r.failures());
            assertEquals(7, r.computedCount());
            Map<String, Long> cpu = sampler.cpuByThread();
            System.out.println("CPU ms by thread: " + cpu.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() / 1_000_000).toList());
            return cpu;
        }
    }

    /** CPU nanoseconds of every thread but the busiest. */
    private static long allButTheBusiest(Map<String, Long> cpu) {
        return cpu.values().stream().skip(1).mapToLong(Long::longValue).sum();
    }

    @Test
    void withOneThreadOneThreadComputes() throws Exception {
        Map<String, Long> cpu = cpuOfARun(Executor.builder(registry).threads(1).build());
        String busiest = cpu.keySet().iterator().next();
        assertTrue(busiest.startsWith("gyrus-node#"), "the node thread computed: " + cpu);
        // Every other thread together: the coordinator's bookkeeping, a few ms (more on a loaded machine,
        // so bounded by a share of the work too: with two computing threads the second does a third or more).
        assertTrue(allButTheBusiest(cpu) < Math.max(OTHERS, cpu.get(busiest) / 20), "other threads computed too: " + cpu);
        assertTrue(cpu.get(busiest) > 5 * OTHERS, "the run computed: " + cpu);
    }

    @Test
    void withTwoThreadsTwoComputeAndNeverMoreAtOnce() throws Exception {
        try (ThreadBudget budget = new ThreadBudget(2)) {
            Map<String, Long> cpu = cpuOfARun(Executor.builder(registry).budget(budget).build());
            // How much the second thread gets depends on what else the machine runs: that it computes is the claim here
            // (how fast two threads are is shown by the benchmarks, not by a test).
            assertTrue(allButTheBusiest(cpu) > 2 * OTHERS, "a second thread computed: " + cpu);
            assertEquals(2, budget.peakThreads(), "threads computing at once");
            cpu.forEach((thread, nanos) -> assertTrue(thread.startsWith("gyrus-") || nanos < OTHERS,
                    "only the run's threads computed: " + cpu));
        }
    }
}
