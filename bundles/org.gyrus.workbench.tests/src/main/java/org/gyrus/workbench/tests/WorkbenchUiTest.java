package org.gyrus.workbench.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.gyrus.pipeline.ExamplePipeline;
import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.pipeline.RunResult;
import org.gyrus.pipeline.ValidationError;
import org.gyrus.workbench.WorkbenchSession;
import org.gyrus.workbench.WorkbenchWindow;
import org.gyrus.workbench.canvas.PipelineCanvas;
import org.gyrus.workbench.canvas.QuickAdd;
import org.gyrus.workbench.editor.SceneGeometry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The workbench driven through its real SWT widgets, inside Equinox with the real node bundles:
 * events are sent to the widgets' listeners (palette tree, quick-add box, canvas mouse and keys,
 * tool bar, parameter fields, problems table) as a user's clicks would send them.
 */
class WorkbenchUiTest extends WorkbenchUi {

    @Test
    void addFromPaletteConnectRefuseEditUndoRedo() {
        // The palette: typing filters it; double-click adds the node to the canvas.
        Text search = window.palette().search();
        search.setText("cohort");
        List<TreeItem> found = leaves(window.palette().tree().getItems());
        assertEquals(List.of("org.gyrus.samples.cohort"), found.stream().map(i -> (String) i.getData()).toList());
        window.palette().tree().setSelection(found.get(0));
        window.palette().tree().notifyListeners(SWT.Selection, new Event());
        assertTrue(window.palette().documentation().getText().contains("org.gyrus.samples.cohort"), "documentation shown on selection");
        window.palette().tree().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals(List.of("cohort"), ids());

        // The quick-add box: a few letters and Enter.
        QuickAdd quick = canvas().openQuickAdd("");
        quick.text().setText("standard scaler");
        assertTrue(quick.list().getItemCount() >= 1);
        quick.text().notifyListeners(SWT.DefaultSelection, new Event());
        assertFalse(quick.isOpen());
        assertEquals(List.of("cohort", "standard-scaler"), ids());
        session.document().apply("Move", p -> org.gyrus.workbench.editor.PipelineEdits.place(p,
                Map.of("cohort", new double[] {20, 40}, "standard-scaler", new double[] {400, 60})));
        canvas().fit();

        // An incompatible connection is refused, with the reason, and nothing changes.
        drag(port("cohort", "volumes", true), port("standard-scaler", "table", false));
        assertTrue(session.document().pipeline().edges().isEmpty());
        assertTrue(window.editor().status().getText().contains("VolumeSet") && window.editor().status().getText().contains("Table"),
                window.editor().status().getText());
        // A compatible one is made by dragging from port to port.
        drag(port("cohort", "clinical", true), port("standard-scaler", "table", false));
        assertEquals("[cohort.clinical -> standard-scaler.table]", session.document().pipeline().edges().toString());

        // Select the scaler by clicking it, edit a parameter in the sheet.
        Point body = canvas().toScreen(420, 75);
        mouse(SWT.MouseDown, body, 1, 0);
        mouse(SWT.MouseUp, body, 1, 0);
        assertEquals(Set.of("standard-scaler"), session.selection().nodes());
        Button withMean = (Button) window.sheet().field("withMean").orElseThrow();
        assertTrue(withMean.getSelection(), "the default (true) is shown");
        withMean.setSelection(false);
        withMean.notifyListeners(SWT.Selection, new Event());
        assertEquals(false, node("standard-scaler").parameters().get("withMean"));
        // The columns field offers the columns that will arrive (from the cohort's spec step).
        Combo columns = (Combo) window.sheet().field("columns").orElseThrow();
        assertTrue(Arrays.asList(columns.getItems()).contains("age"), Arrays.toString(columns.getItems()));

        // Undo with Ctrl+Z on the canvas, redo with the tool bar.
        key('z', SWT.MOD1);
        assertEquals(null, node("standard-scaler").parameters().get("withMean"));
        assertTrue(((Button) window.sheet().field("withMean").orElseThrow()).getSelection(), "the sheet follows the undo");
        key('z', SWT.MOD1);
        assertTrue(session.document().pipeline().edges().isEmpty(), "the connection is undone");
        press("Redo");
        press("Redo");
        assertEquals(false, node("standard-scaler").parameters().get("withMean"));
        assertEquals(1, session.document().pipeline().edges().size());

        // Copy and paste the scaler, then delete the copy with the Delete key.
        key('c', SWT.MOD1);
        key('v', SWT.MOD1);
        assertEquals(List.of("cohort", "standard-scaler", "standard-scaler_2"), ids());
        assertEquals(Set.of("standard-scaler_2"), session.selection().nodes());
        key(SWT.DEL, 0);
        assertEquals(List.of("cohort", "standard-scaler"), ids());
        assertTrue(session.document().isDirty());
    }

    @Test
    void demoRunsToAllFinishedThenTheSavedFileRunsInTheEngineFromTheCache() throws Exception {
        press("Demo");
        assertTrue(session.document().pipeline().nodes().size() >= 10, "the demo is loaded");
        screenshot("workbench-demo.png");
        press("Run");
        awaitRunEnd(Duration.ofMinutes(4));
        RunResult r = session.runs().last().orElseThrow();
        assertTrue(r.succeeded(), r.toString());
        List<String> all = ids();
        try {
            UiHarness.pump(display, () -> all.stream().allMatch(id -> session.runs().statuses().of(id).isPresent()), Duration.ofSeconds(10));
        } catch (AssertionError timedOut) {
            // The assertions below name what is missing.
        }
        for (String id : all) {
            assertEquals(NodeState.FINISHED, session.runs().statuses().of(id).orElseThrow(() -> new AssertionError("no state for "
                    + id + "; states: " + session.runs().statuses().all() + "; result: " + r.nodes())).state(), id);
        }
        Path out = dir.resolve("gyrus-out").resolve("demo");
        assertTrue(Files.exists(out.resolve("provenance.json")), "the provenance record is written as by gyrus run");
        assertTrue(window.console().text().getText().contains("Finished"), window.console().text().getText());
        // Open a viewer on the reconstruction (double-click on its finished output port).
        String volumePort = canvas().geometry().box("reconstruction-volume").orElseThrow().outputs().get(0).name();
        Point portAt = port("reconstruction-volume", volumePort, true);
        mouse(SWT.MouseDoubleClick, portAt, 1, 0);
        UiHarness.settle(display, 200);
        assertEquals(1, shell.getShells().length, "a viewer window opened");
        screenshot("workbench-demo-run.png");
        for (Shell s : shell.getShells()) {
            s.dispose();
        }

        // Run to here: the selected node and what it needs, all from the cache now; nothing downstream runs.
        session.selection().set(Set.of("pca"));
        press("Run to here");
        awaitRunEnd(Duration.ofMinutes(2));
        RunResult upTo = session.runs().last().orElseThrow();
        assertTrue(upTo.succeeded(), upTo.toString());
        Set<String> ran = Set.copyOf(upTo.nodes().stream().map(n -> n.node()).toList());
        assertTrue(ran.containsAll(Set.of("cohort", "features", "pca")), ran.toString());
        assertTrue(ran.size() < session.document().pipeline().nodes().size(), ran.toString());
        for (Pipeline.Edge e : session.document().pipeline().edges()) {
            if (ran.contains(e.toNode())) {
                assertTrue(ran.contains(e.fromNode()), "what '" + e.toNode() + "' needs ran too: " + e);
            }
        }
        assertEquals(upTo.nodes().size(), upTo.cachedCount());
        assertTrue(session.runs().statuses().of("autoencoder").isEmpty(), "downstream and side nodes did not run");

        // Save, then run the saved file with the engine gyrus run uses, on the same cache: every node is a cache hit.
        Path file = dir.resolve("saved.gyrus.json");
        assertTrue(window.editor().saveTo(file));
        assertFalse(session.document().isDirty());
        Pipeline saved = PipelineFile.read(file);
        assertEquals(session.document().pipeline().nodes().get(0).x(), saved.nodes().get(0).x(), "positions kept");
        RunResult again = Executor.builder(registry).threads(2).cache(ResultCache.onDisk(dir.resolve("cache"), 1L << 30)).build()
                .run(saved, Map.of());
        assertTrue(again.succeeded(), again.toString());
        assertEquals(again.nodes().size(), again.cachedCount(), "a result computed in the workbench is a cache hit for the engine");
    }

    @Test
    void aRunIsCancelledAndTheWindowStaysResponsive() throws Exception {
        open(null);
        press("Demo");
        press("Run");
        UiHarness.pump(display, () -> session.runs().statuses().of("autoencoder").map(s -> s.state() == NodeState.RUNNING).orElse(false),
                Duration.ofMinutes(3));
        press("Cancel");
        awaitRunEnd(Duration.ofMinutes(1));
        RunResult r = session.runs().last().orElseThrow();
        assertTrue(r.cancelled(), r.toString());
        assertEquals(NodeState.CANCELLED, session.runs().statuses().of("autoencoder").orElseThrow().state());
        assertEquals(NodeState.FINISHED, session.runs().statuses().of("cohort").orElseThrow().state());
        // The editor still edits.
        key('a', SWT.MOD1);
        assertEquals(session.document().pipeline().nodes().size(), session.selection().nodes().size());
    }

    @Test
    void aFailingNodeTurnsRedWithItsMessageWhileTheRestFinishes() throws Exception {
        Path table = dir.resolve("ragged.csv");
        Files.writeString(table, "a,b\n1,2\n3,4,5\n");
        canvas().addNode("org.gyrus.samples.cohort", 20, 20);
        canvas().addNode("org.gyrus.io.read-table", 20, 260);
        session.document().apply("Set", p -> org.gyrus.workbench.editor.PipelineEdits.setParameter(
                org.gyrus.workbench.editor.PipelineEdits.setParameter(p, "cohort", "subjects", 12), "read-table", "file", table.toString()));
        press("Run");
        awaitRunEnd(Duration.ofMinutes(2));
        var failed = session.runs().statuses().of("read-table").orElseThrow();
        assertEquals(NodeState.FAILED, failed.state());
        assertFalse(failed.message().isEmpty());
        assertEquals(NodeState.FINISHED, session.runs().statuses().of("cohort").orElseThrow().state(), "the rest finishes");
        assertTrue(window.editor().status().getText().contains("read-table"),
                window.editor().status().getText() + " / " + session.runs().last() + " / " + window.console().text().getText());
        assertTrue(window.console().text().getText().contains("read-table"), "the console names the failed node");
        // The failed node is drawn red: sample the canvas around its box's border.
        Point corner = canvas().toScreen(20, 260);
        ImageData data = grabAfterPaint();
        int red = 0;
        for (int dx = 0; dx < 60; dx++) {
            int x = corner.x + 10 + dx;
            for (int dy = -3; dy <= 3; dy++) {
                int y = corner.y + dy;
                if (x >= 0 && y >= 0 && x < data.width && y < data.height) {
                    org.eclipse.swt.graphics.RGB rgb = data.palette.getRGB(data.getPixel(x, y));
                    if (rgb.red > 180 && rgb.green < 90 && rgb.blue < 90) {
                        red++;
                    }
                }
            }
        }
        assertTrue(red > 20, "the failed node's border is red (" + red + " red pixels)");
    }

    @Test
    void aMalformedOrNewerFileShowsItsProblemAndKeepsTheEditorAsItWas() throws Exception {
        press("Demo");
        Pipeline before = session.document().pipeline();
        Path bad = dir.resolve("broken.gyrus.json");
        Files.writeString(bad, "{ \"format\": \"gyrus-pipeline\", \"formatVersion\": 99, \"nodes\": [] }");
        assertFalse(window.editor().openFile(bad));
        assertEquals(before, session.document().pipeline(), "nothing is lost");
        UiHarness.pump(display, () -> window.problems().problems().stream().anyMatch(p -> p.message().contains("broken.gyrus.json")),
                Duration.ofSeconds(20));
        assertTrue(window.problems().problems().stream().anyMatch(p -> p.message().contains("99")), window.problems().problems().toString());
        Files.writeString(bad, "{ not json");
        assertFalse(window.editor().openFile(bad));
        assertEquals(before, session.document().pipeline());
    }

    @Test
    void problemsAreLiveAndADoubleClickSelectsTheNodeAndItsField() {
        press("Demo");
        window.editor().prompt((t, q, c) -> SWT.NO);
        session.document().apply("Set", p -> org.gyrus.workbench.editor.PipelineEdits.setParameter(p, "pca", "components", -3));
        UiHarness.pump(display, () -> window.problems().problems().stream().anyMatch(p -> "pca".equals(p.node())),
                Duration.ofSeconds(20));
        ValidationError e = window.problems().problems().stream().filter(p -> "pca".equals(p.node())).findFirst().orElseThrow();
        assertEquals("parameters.components", e.field());
        int row = window.problems().problems().indexOf(e);
        window.problems().table().setSelection(row);
        window.problems().table().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals(Set.of("pca"), session.selection().nodes());
        assertEquals(Optional.of("pca"), window.sheet().shownNode());
        assertTrue(window.sheet().field("components").isPresent());
        // Fixing it clears the problem.
        session.document().undo();
        UiHarness.pump(display, () -> window.problems().problems().stream().noneMatch(p -> "pca".equals(p.node())),
                Duration.ofSeconds(20));
    }

    @Test
    void unsavedChangesAreAskedAboutAndAutosavedWorkIsOfferedBack() throws Exception {
        press("Demo");
        List<String> asked = new ArrayList<>();
        window.editor().prompt((t, q, c) -> {
            asked.add(q);
            return SWT.CANCEL;
        });
        assertFalse(window.editor().confirmDiscard(), "Cancel keeps the window open");
        assertEquals(1, asked.size());
        // A crashed workbench's autosave (a process that no longer runs) is offered back.
        session.autosave().save(session.document());
        Path mine = Files.list(dir.resolve("autosave")).filter(f -> f.toString().endsWith(".gyrus.json")).findFirst().orElseThrow();
        Files.move(mine, dir.resolve("autosave").resolve("999999999.gyrus.json"));
        session.newPipeline();
        assertTrue(session.document().pipeline().nodes().isEmpty());
        window.editor().prompt((t, q, c) -> SWT.YES);
        window.editor().offerRecovery();
        assertTrue(session.document().pipeline().nodes().size() >= 10);
        assertTrue(session.document().isDirty(), "recovered work is unsaved work");
        assertTrue(session.autosave().leftBehind().isEmpty(), "offered once");
    }

    @Test
    void installingAPluginUpdatesThePaletteAndMissingNodesStayMarked() throws Exception {
        String plugin = "org.gyrus.testnodes.scale-column";
        assertTrue(leaves(window.palette().tree().getItems()).stream().noneMatch(i -> plugin.equals(i.getData())));
        BundleContext bundles = FrameworkUtil.getBundle(WorkbenchUiTest.class).getBundleContext();
        Bundle b = bundles.installBundle(Path.of(System.getProperty("gyrus.testnodes.jar")).toUri().toString());
        try {
            b.start();
            UiHarness.pump(display, () -> leaves(window.palette().tree().getItems()).stream().anyMatch(i -> plugin.equals(i.getData())),
                    Duration.ofSeconds(30));
            canvas().addNodeAtCentre(plugin);
            assertTrue(canvas().geometry().box("scale-column").orElseThrow().descriptor().isPresent());
            b.uninstall();
            UiHarness.pump(display, () -> leaves(window.palette().tree().getItems()).stream().noneMatch(i -> plugin.equals(i.getData())),
                    Duration.ofSeconds(30));
            UiHarness.settle(display, 100);
            assertTrue(canvas().geometry().box("scale-column").orElseThrow().descriptor().isEmpty(), "the node stays, marked missing");
            UiHarness.pump(display, () -> window.problems().problems().stream().anyMatch(p -> "scale-column".equals(p.node())
                    && p.message().contains("org.gyrus.testnodes")), Duration.ofSeconds(20));
        } finally {
            if (b.getState() != Bundle.UNINSTALLED) {
                b.uninstall();
            }
        }
    }

    /** Writes a PNG of the window into target/screenshots/. */
    private void screenshot(String name) throws Exception {
        canvas().fit();
        UiHarness.settle(display, 300);
        Point size = shell.getSize();
        Point at = shell.toDisplay(0, 0);
        Image image = new Image(display, size.x, size.y);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, at.x, at.y);
        } finally {
            gc.dispose();
        }
        ImageData data = image.getImageData();
        image.dispose();
        Path shots = Path.of(System.getProperty("gyrus.screenshots", "target/screenshots"));
        Files.createDirectories(shots);
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        loader.save(shots.resolve(name).toString(), SWT.IMAGE_PNG);
        assertTrue(Files.size(shots.resolve(name)) > 5000, "a real picture");
    }
}
