package org.gyrus.workbench.canvas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.Pipeline.Edge;
import org.gyrus.workbench.editor.LayeredLayout;
import org.gyrus.workbench.editor.NodeStatuses;
import org.gyrus.workbench.editor.PipelineDocument;
import org.gyrus.workbench.editor.PipelineEdits;
import org.gyrus.workbench.editor.SceneGeometry;
import org.gyrus.workbench.editor.Selection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While a node is dragged, the canvas copies what does not move from an image and draws only the
 * part the dragged box and its edges cover: every frame must be, pixel for pixel, the frame a full
 * drawing gives (run under Xvfb in CI, as the other UI tests).
 */
class DragLayerUiTest {

    static final NodeDescriptor READ = NodeDescriptor.builder("test.read", "1.0.0").name("Read").category("IO")
            .output("table", Table.class, "rows").build();
    static final NodeDescriptor SCALE = NodeDescriptor.builder("test.scale", "1.0.0").name("Scale").category("Prep")
            .input("table", Table.class, "in").output("table", Table.class, "out").output("model", ModelArtifact.class, "fit").build();
    static final NodeDescriptor LEARN = NodeDescriptor.builder("test.learn", "1.2.0").name("Learn").category("Learn")
            .input("features", FeatureMatrix.class, "x").input("table", Table.class, "y").build();
    static final Function<String, Optional<NodeDescriptor>> TYPES = id -> List.of(READ, SCALE, LEARN).stream()
            .filter(d -> d.id().equals(id)).findFirst();

    private Display display;
    private Shell shell;
    private PipelineCanvas pc;
    private NodeStatuses states;

    @BeforeEach
    void open() {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(900, 600);
        // Three chains of four, fanning into a learner each, and a node of a missing type.
        Pipeline p = Pipeline.named("drag");
        for (int c = 0; c < 3; c++) {
            p = PipelineEdits.addNode(p, READ, "read" + c, 0, 0);
            String previous = "read" + c;
            for (int i = 0; i < 3; i++) {
                String id = "scale" + c + i;
                p = PipelineEdits.addNode(p, SCALE, id, 0, 0);
                p = PipelineEdits.connect(p, new Edge(previous, "table", id, "table"));
                previous = id;
            }
            p = PipelineEdits.addNode(p, LEARN, "learn" + c, 0, 0);
            p = PipelineEdits.connect(p, new Edge(previous, "table", "learn" + c, "table"));
        }
        p = p.withNode(Pipeline.Node.of("gone", "other.plugin.gone", "1.0.0", java.util.Map.of()));
        p = PipelineEdits.place(p, new LayeredLayout(SceneGeometry.WIDTH + 70, 90).positions(p));
        PipelineDocument doc = new PipelineDocument(p, null);
        states = new NodeStatuses();
        states.put("scale01", new NodeStatuses.Status(NodeState.FAILED, 0, false, "out of memory"));
        states.put("read1", new NodeStatuses.Status(NodeState.FINISHED, 1, true, ""));
        states.put("scale11", new NodeStatuses.Status(NodeState.RUNNING, 0.4, false, ""));
        pc = new PipelineCanvas(shell, doc, new Selection(), TYPES, () -> List.of(READ, SCALE, LEARN), () -> states);
        shell.open();
        pc.fit();
        settle();
    }

    @AfterEach
    void close() {
        shell.dispose();
        settle();
    }

    private void settle() {
        for (int i = 0; i < 50 && display.readAndDispatch(); i++) {
            // paint
        }
    }

    /** The canvas drawn synchronously (as a paint event draws it) into an image. */
    private ImageData print() {
        var size = pc.control().getSize();
        Image image = new Image(display, size.x, size.y);
        GC gc = new GC(image);
        try {
            assertTrue(pc.control().print(gc));
        } finally {
            gc.dispose();
        }
        ImageData data = image.getImageData();
        image.dispose();
        return data;
    }

    /** The frame with the drag layer, then the same frame drawn in full: equal pixels. */
    private void assertSameAsFullDrawing(String when) {
        ImageData layered = print();
        assertTrue(pc.drawnFromDragLayer(), "the drag layer was used " + when);
        pc.dragLayerEnabled = false;
        ImageData full = print();
        pc.dragLayerEnabled = true;
        assertFalse(pc.drawnFromDragLayer());
        assertEquals(full.width, layered.width);
        int[] a = new int[full.width];
        int[] b = new int[full.width];
        for (int y = 0; y < full.height; y++) {
            full.getPixels(0, y, full.width, a, 0);
            layered.getPixels(0, y, full.width, b, 0);
            assertArrayEquals(a, b, "row " + y + " " + when);
        }
    }

    private void mouse(int type, int x, int y, int button, int stateMask) {
        Event e = new Event();
        e.x = x;
        e.y = y;
        e.button = button;
        e.stateMask = stateMask;
        pc.control().notifyListeners(type, e);
    }

    @Test
    void everyDragFrameEqualsTheFullDrawing() {
        ImageData before = print();
        assertFalse(pc.drawnFromDragLayer());
        var box = pc.geometry().box("scale11").orElseThrow();
        Point start = pc.toScreen(box.x() + box.width() / 2, box.y() + 12);
        mouse(SWT.MouseDown, start.x, start.y, 1, 0);
        // Across its neighbours' boxes and edges (under the later boxes, over the earlier ones).
        Point[] steps = {new Point(3, 1), new Point(37, 11), new Point(90, 40), new Point(-60, 95), new Point(-140, -70)};
        for (Point s : steps) {
            mouse(SWT.MouseMove, start.x + s.x, start.y + s.y, 0, SWT.BUTTON1);
            assertSameAsFullDrawing("at " + s);
        }
        // A node's state changes during the drag (a run goes on): the layer shows it too.
        states.put("read0", new NodeStatuses.Status(NodeState.RUNNING, 0.7, false, ""));
        assertSameAsFullDrawing("after a state change");
        pc.zoomBy(1.3, 100, 80);
        assertSameAsFullDrawing("after a zoom");
        mouse(SWT.MouseUp, start.x - 140, start.y - 70, 1, SWT.BUTTON1);
        ImageData after = print();
        assertFalse(pc.drawnFromDragLayer(), "no layer once the drag ended");
        assertNotEquals(before.getPixel(start.x, start.y + 30), -1);
        var moved = pc.geometry().box("scale11").orElseThrow();
        assertTrue(moved.x() < box.x() && moved.y() < box.y(), "the drop moved the node");
        assertEquals(after.width, before.width);
    }
}
