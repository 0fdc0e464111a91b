package org.gyrus.batch;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import org.gyrus.data.Column;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.ExamplePipeline;
import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.OutputFolder;
import org.gyrus.pipeline.OutputFolderException;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.pipeline.RunResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gyrus demo}: writes the demo pipeline, runs it and leaves the outputs, a report and the
 * provenance record in {@code ./gyrus-out/demo/}. The demo is the {@link ExamplePipeline} named
 * {@code demo} that a bundle contributes (the samples bundle does): this command names no node type.
 */
@Command(name = "demo", description = {"Run the demo: a synthetic cohort and whatever installed nodes can compute from it.",
        "Leaves demo.gyrus.json, the outputs, report/report.md and provenance.json in the output folder."})
final class DemoCommand implements Callable<Integer> {

    private final NodeRegistry registry;
    private final List<ExamplePipeline> examples;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "The output folder (default: ${DEFAULT-VALUE}).", defaultValue = "gyrus-out/demo")
    String out;

    @Option(names = "--threads", paramLabel = "N", description = "Nodes running at once (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Mixin
    CacheOptions cache;

    @Mixin
    OutputOptions output;

    DemoCommand(NodeRegistry registry, List<ExamplePipeline> examples) {
        this.registry = registry;
        this.examples = examples;
    }

    @Override
    public Integer call() throws Exception {
        Path dir = WorkingDirectory.resolve(out);
        PrintWriter stdout = spec.commandLine().getOut();
        OutputFolder folder = RunCommand.openOutputFolder(dir, "The demo's output folder (--out)");
        ExamplePipeline demo = examples.stream().filter(e -> e.name().equals("demo")).findFirst()
                .orElseThrow(() -> new CliException(ExitCodes.EXECUTION_ERROR, "No installed plug-in contributes the demo pipeline "
                        + "(the samples plug-in does); rebuild the product with GYRUS_REBUILD=1 ./gyrus demo."));
        Pipeline p;
        try {
            p = demo.build(registry, dir);
        } catch (IllegalStateException e) {
            throw new CliException(ExitCodes.EXECUTION_ERROR, e.getMessage() + "; rebuild the product with GYRUS_REBUILD=1 ./gyrus demo.");
        }
        Path file;
        Path report;
        try {
            PipelineRunner.checkOwnFiles(folder);
            file = folder.own("demo.gyrus.json");
            report = folder.own("report");
        } catch (OutputFolderException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, e.getMessage() + " Nothing was run.", e);
        }
        PipelineFile.write(p, file);
        if (!output.quiet) {
            stdout.printf("Demo pipeline with %d nodes written to %s%n", p.nodes().size(), WorkingDirectory.show(file));
            stdout.flush();
        }
        Cancellation cancellation = Cancellation.install(spec.commandLine().getErr());
        PipelineRunner.Outcome o;
        try {
            o = new PipelineRunner(registry, cache.open(), threads).run(p, file, java.util.Map.of(), folder,
                    new ProgressDisplay(stdout, ProgressDisplay.modeFor(output), output.verbose), cancellation);
            report(o.result()).writeTo(report);
            PipelineRunner.report(o, dir, stdout, spec.commandLine().getErr(), output.quiet, output.verbose);
        } finally {
            cancellation.finished();
        }
        if (!output.quiet) {
            stdout.println("Report: " + WorkingDirectory.show(report.resolve("report.md")));
            stdout.flush();
        }
        if (o.result().cancelled()) {
            return ExitCodes.CANCELLED;
        }
        // The demo shows what installed nodes can do; one of them failing on the demo data is reported, and
        // counts as an execution error only when the data themselves could not be made (a source node failed).
        List<String> sources = sources(o.result());
        boolean made = !sources.isEmpty() && sources.stream().allMatch(id -> o.result().node(id).map(NodeOutcome::state)
                .orElse(NodeState.FAILED) == NodeState.FINISHED);
        return made ? ExitCodes.OK : ExitCodes.EXECUTION_ERROR;
    }

    /** The nodes that take no input: where the demo's data come from. */
    static List<String> sources(RunResult r) {
        java.util.Set<String> fed = new java.util.HashSet<>();
        r.pipeline().edges().forEach(e -> fed.add(e.toNode()));
        return r.pipeline().nodes().stream().map(Pipeline.Node::id).filter(id -> !fed.contains(id)).toList();
    }

    /** The first output of type {@code type} of a source node, if any. */
    private static <T> java.util.Optional<T> sourceOutput(RunResult r, Class<T> type) {
        for (String id : sources(r)) {
            for (Object v : r.outputs(id).values()) {
                if (type.isInstance(v)) {
                    return java.util.Optional.of(type.cast(v));
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** The demo report: what ran, how long it took, a look at the cohort, and the reports of the nodes that end the pipeline. */
    static Report report(RunResult r) throws IOException {
        Report rep = Report.empty().withText("Demo run", r.pipeline().description() + "\n\n"
                + String.format(Locale.ROOT, "%d nodes ran in %.2f s on %d threads (%d computed, %d from the cache); "
                        + "%d failed. Provenance: `provenance.json`; the pipeline: `demo.gyrus.json`.",
                        r.nodes().size(), r.wallTime().toNanos() / 1e9, r.threads(), r.computedCount(), r.cachedCount(),
                        r.failures().size()));
        int n = r.nodes().size();
        String[] node = new String[n];
        String[] type = new String[n];
        String[] state = new String[n];
        double[] seconds = new double[n];
        for (int i = 0; i < n; i++) {
            NodeOutcome o = r.nodes().get(i);
            node[i] = o.node();
            type[i] = o.type().id() + " " + o.type().version();
            state[i] = o.state().name().toLowerCase(Locale.ROOT) + (o.cached() ? " (cached)" : "")
                    + (o.reason().isEmpty() ? "" : ": " + o.reason());
            seconds[i] = o.wallTime().toNanos() / 1e9;
        }
        rep = rep.withMetrics("Nodes", "nodes", Table.of(new TextColumn("node", node), new TextColumn("type", type),
                new TextColumn("state", state), new NumericColumn("seconds", seconds)));
        java.util.Optional<Table> clinical = sourceOutput(r, Table.class);
        if (clinical.isPresent()) {
            Table t = clinical.get();
            rep = rep.withMetrics("Clinical table (first 8 of " + t.rowCount() + " subjects)", "clinical_head",
                    t.selectRows(java.util.stream.IntStream.range(0, Math.min(8, t.rowCount())).toArray()));
            rep = rep.withMetrics("Clinical table summary", "clinical_summary", summary(t));
        }
        java.util.Optional<VolumeSet> volumes = sourceOutput(r, VolumeSet.class).filter(v -> v.size() > 0);
        if (volumes.isPresent()) {
            VolumeSet vs = volumes.get();
            String id = vs.ids().get(0);
            rep = rep.withFigure("Subject " + id, "subject_slice", "Axial slice through the middle of subject " + id + "'s volume",
                    axialSlice(vs.get(id)));
        }
        for (String id : sinks(r)) {
            for (Object v : r.outputs(id).values()) {
                if (v instanceof Report nodeReport) {
                    rep = rep.and(prefixed(id, nodeReport));
                }
            }
        }
        return rep;
    }

    /** The nodes whose outputs feed no other node: where the demo's chains end (their reports are its results). */
    static List<String> sinks(RunResult r) {
        java.util.Set<String> feeding = new java.util.HashSet<>();
        r.pipeline().edges().forEach(e -> feeding.add(e.fromNode()));
        return r.pipeline().nodes().stream().map(Pipeline.Node::id).filter(id -> !feeding.contains(id))
                .filter(id -> !sources(r).contains(id)).toList();
    }

    /** A node's report with its titles and file names prefixed by the node id, so that reports of several nodes do not clash. */
    private static Report prefixed(String node, Report report) {
        Report out = Report.empty();
        for (Report.Item item : report.items()) {
            if (item instanceof Report.Text t) {
                out = out.withText(node + ": " + t.title(), t.body());
            } else if (item instanceof Report.Metrics m) {
                out = out.withMetrics(node + ": " + m.title(), node + "_" + m.name(), m.table());
            } else if (item instanceof Report.Figure f) {
                out = out.withFigure(node + ": " + f.title(), node + "_" + f.name(), f.caption(), f.png(), f.svg());
            }
        }
        return out;
    }

    private static Table summary(Table t) {
        List<String> names = new ArrayList<>();
        List<Double> missing = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        for (Column c : t.columns()) {
            names.add(c.name());
            missing.add((double) c.missingCount());
            double m = Double.NaN;
            if (c instanceof NumericColumn nc) {
                double s = 0;
                int k = 0;
                for (int i = 0; i < nc.size(); i++) {
                    if (!nc.isMissing(i)) {
                        s += nc.get(i);
                        k++;
                    }
                }
                m = k == 0 ? Double.NaN : s / k;
            }
            mean.add(m);
        }
        return Table.of(new TextColumn("column", names.toArray(String[]::new)),
                new NumericColumn("missing", missing.stream().mapToDouble(Double::doubleValue).toArray()),
                new NumericColumn("mean", mean.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /** The middle axial slice of a 3-D volume as an 8-bit grey PNG, windowed to its 1st–99th percentile. */
    static byte[] axialSlice(Volume v) throws IOException {
        long[] d = v.dimensions();
        int nx = (int) d[0];
        int ny = d.length > 1 ? (int) d[1] : 1;
        int nz = d.length > 2 ? (int) d[2] : 1;
        float[] all = v.toFloatArray();
        int z = nz / 2;
        float[] slice = new float[nx * ny];
        System.arraycopy(all, z * nx * ny, slice, 0, nx * ny);
        float[] sorted = slice.clone();
        java.util.Arrays.sort(sorted);
        float lo = sorted[(int) (0.01 * (sorted.length - 1))];
        float hi = sorted[(int) (0.99 * (sorted.length - 1))];
        int scale = Math.max(1, 256 / Math.max(nx, ny));
        BufferedImage img = new BufferedImage(nx * scale, ny * scale, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                float f = hi > lo ? (slice[y * nx + x] - lo) / (hi - lo) : 0;
                int g = Math.round(255 * Math.max(0, Math.min(1, f)));
                for (int sy = 0; sy < scale; sy++) {
                    for (int sx = 0; sx < scale; sx++) {
                        // Radiological images put anterior at the top: flip y.
                        img.getRaster().setSample(x * scale + sx, (ny - 1 - y) * scale + sy, 0, g);
                    }
                }
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        return png.toByteArray();
    }
}
