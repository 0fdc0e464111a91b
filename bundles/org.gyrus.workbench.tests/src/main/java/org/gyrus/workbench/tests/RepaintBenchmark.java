package org.gyrus.workbench.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.RegisteredNode;
import org.gyrus.workbench.WorkbenchSession;
import org.gyrus.workbench.WorkbenchWindow;
import org.gyrus.workbench.editor.LayeredLayout;
import org.gyrus.workbench.editor.PipelineEdits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Benchmark, not a test (BENCHMARKS.md): the median time of a full repaint of a 200-node
 * pipeline on the canvas (target ≤ 16 ms), and of each step of dragging one of its nodes (mouse
 * move and the full repaint it causes; "stays smooth": within a 60 Hz frame). Run on an idle machine with
 * {@code ./mvnw -o -B verify -pl bundles/org.gyrus.workbench.tests -Dtest=RepaintBenchmark -Dgyrus.bench=true}
 * (plus the bundles it needs in -pl); it prints the timings and writes them to
 * {@code target/repaint-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "gyrus.bench", matches = "true")
class RepaintBenchmark {

    @Test
    void fullRepaintOf200Nodes() throws Exception {
        Display display = UiHarness.display();
        ServiceTracker<NodeRegistry, NodeRegistry> t = new ServiceTracker<>(
                FrameworkUtil.getBundle(RepaintBenchmark.class).getBundleContext(), NodeRegistry.class, null);
        t.open();
        NodeRegistry registry = t.waitForService(TimeUnit.SECONDS.toMillis(30));
        List<NodeDescriptor> types = registry.nodeTypes().stream().map(RegisteredNode::descriptor)
                .filter(d -> !d.inputs().isEmpty() && !d.outputs().isEmpty()).toList();
        // 200 nodes in chains of ten, each connected to the previous one where the types allow.
        Pipeline p = Pipeline.named("bench");
        Map<String, NodeDescriptor> byId = new HashMap<>();
        String previous = null;
        for (int i = 0; i < 200; i++) {
            NodeDescriptor d = types.get(i % types.size());
            String id = "n" + i;
            p = PipelineEdits.addNode(p, d, id, 0, 0);
            byId.put(id, d);
            if (previous != null && i % 10 != 0) {
                for (var out : byId.get(previous).outputs()) {
                    var in = d.inputs().stream().filter(x -> x.accepts(out)).findFirst();
                    if (in.isPresent()) {
                        p = PipelineEdits.connect(p, new Pipeline.Edge(previous, out.name(), id, in.get().name()));
                        break;
                    }
                }
            }
            previous = id;
        }
        p = PipelineEdits.place(p, new LayeredLayout(250, 110).positions(p));
        Shell shell = new Shell(display);
        shell.setSize(1600, 1000);
        Path dir = Files.createTempDirectory("gyrus-bench");
        WorkbenchSession session = new WorkbenchSession(registry, List::of, null, display::asyncExec, dir, dir.resolve("autosave"));
        WorkbenchWindow window = new WorkbenchWindow(shell, session);
        Pipeline loaded = p;
        session.document().load(loaded, null);
        shell.open();
        window.editor().canvas().fit();
        UiHarness.settle(display, 500);
        var canvas = window.editor().canvas().control();
        int rounds = 60;
        long[] nanos = new long[rounds];
        // CPU time of the UI thread too: the canvas paints into an image in this process, so on a
        // loaded machine this is the figure to compare (wall time also counts waiting for a core).
        long[] cpu = new long[rounds];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        // Control.print paints the whole canvas synchronously through its paint listener; redraw()
        // + update() only queue a paint on GTK 3, which would time nothing.
        org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(display, canvas.getSize().x, canvas.getSize().y);
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(image);
        for (int i = 0; i < rounds; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            if (!canvas.print(gc)) {
                throw new IllegalStateException("the canvas cannot be printed on this platform");
            }
            nanos[i] = System.nanoTime() - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        long[] warm = Arrays.copyOfRange(nanos, 10, rounds);
        Arrays.sort(warm);
        long[] warmCpu = Arrays.copyOfRange(cpu, 10, rounds);
        Arrays.sort(warmCpu);
        String line = String.format("full repaint, %d nodes, %d edges: median %.2f ms, p90 %.2f ms (%d rounds after 10 warm-up);"
                + " UI thread CPU median %.2f ms",
                loaded.nodes().size(), loaded.edges().size(), warm[warm.length / 2] / 1e6, warm[warm.length * 9 / 10] / 1e6, warm.length,
                warmCpu[warmCpu.length / 2] / 1e6);
        // Three rounds of the drag measurement, so the spread between rounds shows too.
        StringBuilder drag = new StringBuilder();
        for (int round = 1; round <= 3; round++) {
            drag.append(round == 1 ? "" : "\n").append("round ").append(round).append(": ")
                    .append(dragSteps(window.editor().canvas(), gc, "n105"));
        }
        gc.dispose();
        image.dispose();
        System.out.println(line);
        System.out.println(drag);
        Files.writeString(Path.of("target", "repaint-benchmark.txt"), line + "\n" + drag + "\n");
        shell.dispose();
    }

    /**
     * Drags node {@code id} as a user does: mouse down on its box, then steps of 4 pixels, each
     * a MouseMove event to the canvas's own listener (which moves the dragged boxes) followed by
     * the full repaint it asks for (printed synchronously, as above); then the mouse-up, which
     * applies the move to the pipeline (one undoable edit) and repaints. 8 drags of 30 steps;
     * the first drag is warm-up.
     */
    private static String dragSteps(org.gyrus.workbench.canvas.PipelineCanvas pc, org.eclipse.swt.graphics.GC gc, String id) {
        var canvas = pc.control();
        int drags = 8;
        int steps = 30;
        long[] step = new long[(drags - 1) * steps];
        long[] drop = new long[drags - 1];
        long[] stepCpu = new long[(drags - 1) * steps];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int d = 0; d < drags; d++) {
            var box = pc.geometry().box(id).orElseThrow();
            org.eclipse.swt.graphics.Point start = pc.toScreen(box.x() + box.width() / 2, box.y() + 12);
            mouse(canvas, org.eclipse.swt.SWT.MouseDown, start.x, start.y, 1, 0);
            int dir = d % 2 == 0 ? 1 : -1;
            for (int i = 1; i <= steps; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                mouse(canvas, org.eclipse.swt.SWT.MouseMove, start.x + dir * 4 * i, start.y + dir * 2 * i, 0, org.eclipse.swt.SWT.BUTTON1);
                canvas.print(gc);
                if (d > 0) {
                    step[(d - 1) * steps + i - 1] = System.nanoTime() - t0;
                    stepCpu[(d - 1) * steps + i - 1] = threads.getCurrentThreadCpuTime() - c0;
                }
            }
            long t0 = System.nanoTime();
            mouse(canvas, org.eclipse.swt.SWT.MouseUp, start.x + dir * 4 * steps, start.y + dir * 2 * steps, 1, org.eclipse.swt.SWT.BUTTON1);
            canvas.print(gc);
            if (d > 0) {
                drop[d - 1] = System.nanoTime() - t0;
            }
            var moved = pc.geometry().box(id).orElseThrow();
            if (moved.x() == box.x() && moved.y() == box.y()) {
                throw new IllegalStateException("drag " + d + " did not move " + id);
            }
        }
        Arrays.sort(step);
        Arrays.sort(drop);
        Arrays.sort(stepCpu);
        return String.format("drag step (mouse move + full repaint), node %s: median %.2f ms, p10–p90 %.2f–%.2f ms, min–max %.2f–%.2f ms"
                + " (%d steps; UI thread CPU median " + String.format("%.2f", stepCpu[stepCpu.length / 2] / 1e6) + " ms); drop (move applied to the pipeline + repaint): median %.2f ms, min–max %.2f–%.2f ms (%d drops)",
                id, step[step.length / 2] / 1e6, step[step.length / 10] / 1e6, step[step.length * 9 / 10] / 1e6, step[0] / 1e6,
                step[step.length - 1] / 1e6, step.length, drop[drop.length / 2] / 1e6, drop[0] / 1e6, drop[drop.length - 1] / 1e6,
                drop.length);
    }

    private static void mouse(org.eclipse.swt.widgets.Control c, int type, int x, int y, int button, int stateMask) {
        org.eclipse.swt.widgets.Event e = new org.eclipse.swt.widgets.Event();
        e.x = x;
        e.y = y;
        e.button = button;
        e.stateMask = stateMask;
        c.notifyListeners(type, e);
    }
}
