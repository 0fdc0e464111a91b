package org.gyrus.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How validation (and reading the file) scales with the size of a pipeline: generated chains of
 * 50,000 to 400,000 nodes with one variable reference per node. Every step of the validator is
 * linear, so the time per node should stay flat as the pipeline grows. A benchmark, not a test:
 * run {@code main} on a quiet machine; prints the median of 5 runs after 2 warm-up runs.
 */
public final class ValidationBenchmark {

    private ValidationBenchmark() {
    }

    static Pipeline generated(int n) {
        List<Pipeline.Node> nodes = new ArrayList<>(n);
        List<Pipeline.Edge> edges = new ArrayList<>(n);
        nodes.add(Pipeline.Node.of("n0", "test.source", "1.0.0", Map.of()));
        for (int i = 1; i < n; i++) {
            nodes.add(Pipeline.Node.of("n" + i, "test.add", "1.2.0", Map.of("amount", "${step}", "label", "node " + i)));
            edges.add(new Pipeline.Edge("n" + (i - 1), "value", "n" + i, "value"));
            if (i % 10 == 0) {
                edges.add(new Pipeline.Edge("n0", "value", "n" + i, "other"));
            }
        }
        return new Pipeline("generated", "", 1, List.of(new Pipeline.Variable("step", Pipeline.VariableType.NUMBER, 1, "")),
                nodes, edges, Map.of());
    }

    /** Runs the benchmark; arguments are node counts (default 50000 100000 200000 400000). */
    public static void main(String[] args) throws Exception {
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {50_000, 100_000, 200_000, 400_000};
        PipelineValidator validator = new PipelineValidator(FakeNode.registry(FakeNode.source("1.0.0"), FakeNode.add()));
        Path dir = Files.createTempDirectory("gyrus-validation-benchmark");
        System.out.printf("%10s %14s %14s %16s%n", "nodes", "validate (ms)", "read (ms)", "validate µs/node");
        for (int n : sizes) {
            Pipeline p = generated(n);
            Path file = dir.resolve(n + ".gyrus.json");
            PipelineFile.write(p, file);
            double validate = median(() -> {
                if (!validator.validate(p, Map.of()).isEmpty()) {
                    throw new IllegalStateException("the generated pipeline should be valid");
                }
            });
            double read = median(() -> PipelineFile.read(file));
            System.out.printf("%10d %14.1f %14.1f %16.2f%n", n, validate, read, 1000 * validate / n);
            Files.delete(file);
        }
        Files.delete(dir);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double median(Step step) throws Exception {
        double[] ms = new double[5];
        for (int round = -2; round < ms.length; round++) {
            long t0 = System.nanoTime();
            step.run();
            if (round >= 0) {
                ms[round] = (System.nanoTime() - t0) / 1e6;
            }
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
