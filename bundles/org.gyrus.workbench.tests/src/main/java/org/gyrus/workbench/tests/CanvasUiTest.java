package org.gyrus.workbench.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.TransferData;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.workbench.editor.SceneGeometry;
import org.junit.jupiter.api.Test;

/**
 * Dragging a node type from the palette onto the canvas, zooming with Ctrl+wheel and the keys,
 * zoom to fit, and panning, on the real widgets.
 *
 * <p>Drag and drop: under Xvfb, {@code Display.post} (SWT 3.132, GTK 3, XTest) delivers button
 * presses with wrong coordinates and no wheel events, so no operating-system drag ever starts (tried
 * in this environment). The test therefore drives SWT's own drag-and-drop listener path: it sends
 * the palette's {@link DragSource} the DragStart and DragSetData events and the canvas's
 * {@code DropTarget} the DragEnter, DragOver and Drop events that SWT's GTK code sends, each a real
 * {@code DNDEvent} (SWT's package-private event class, made by reflection), with the data passed
 * through {@link TextTransfer}'s native conversion both ways as on a real drop.
 */
class CanvasUiTest extends WorkbenchUi {

    /**
     * Drags the selected palette entry and drops it at the canvas point {@code at}.
     *
     * @return whether the palette let the drag start
     */
    private boolean dragFromPalette(Point at) throws Exception {
        Tree tree = window.palette().tree();
        DragSource source = (DragSource) tree.getData(DND.DRAG_SOURCE_KEY);
        TransferData text = TextTransfer.getInstance().getSupportedTypes()[0];
        Point from = tree.toDisplay(10, 10);
        Event start = dndEvent(tree, from, null, null, DND.DROP_NONE);
        source.notifyListeners(DND.DragStart, start);
        if (!start.doit) {
            return false;
        }
        Event set = dndEvent(tree, from, null, text, DND.DROP_COPY);
        source.notifyListeners(DND.DragSetData, set);
        // What crosses the drag: the text in the platform's form, read back on the canvas's side.
        TextTransfer.getInstance().javaToNative(set.data, text);
        Object arrived = TextTransfer.getInstance().nativeToJava(text);
        drop(at, arrived, text);
        return true;
    }

    private TreeItem paletteEntry(String search, String typeId) {
        window.palette().search().setText(search);
        return leaves(window.palette().tree().getItems()).stream().filter(i -> typeId.equals(i.getData())).findFirst().orElseThrow();
    }

    private void wheel(Point at, int count, int stateMask, int type) {
        Event e = new Event();
        e.x = at.x;
        e.y = at.y;
        e.count = count;
        e.stateMask = stateMask;
        e.doit = true;
        canvas().control().notifyListeners(type, e);
    }

    private Map<String, Point> corners() {
        Map<String, Point> out = new LinkedHashMap<>();
        for (SceneGeometry.Box b : canvas().geometry().boxes()) {
            out.put(b.node().id(), canvas().toScreen(b.x(), b.y()));
        }
        return out;
    }

    /** Every node's corner moved as zooming by {@code factor} about {@code cursor} moves it (toScreen rounds: within a pixel). */
    private static void assertZoomedAbout(Point cursor, double factor, Map<String, Point> before, Map<String, Point> after) {
        for (var e : before.entrySet()) {
            Point b = e.getValue();
            Point a = after.get(e.getKey());
            double ex = cursor.x + (b.x - cursor.x) * factor;
            double ey = cursor.y + (b.y - cursor.y) * factor;
            double tolerance = 0.5 * factor + 0.6;
            assertTrue(Math.abs(a.x - ex) <= tolerance && Math.abs(a.y - ey) <= tolerance,
                    e.getKey() + " at " + a + ", expected (" + ex + ", " + ey + ") from " + b + " zoomed ×" + factor + " about " + cursor);
        }
    }

    private static void assertShifted(int dx, int dy, Map<String, Point> before, Map<String, Point> after) {
        for (var e : before.entrySet()) {
            Point b = e.getValue();
            Point a = after.get(e.getKey());
            assertTrue(Math.abs(a.x - (b.x + dx)) <= 1 && Math.abs(a.y - (b.y + dy)) <= 1,
                    e.getKey() + " at " + a + ", expected " + b + " shifted by (" + dx + ", " + dy + ")");
        }
    }

    @Test
    void aNodeDraggedFromThePaletteLandsWhereItIsDropped() throws Exception {
        // A view that is not the identity (zoomed in about a point), so the drop point is mapped for real.
        double z = canvas().zoom();
        wheel(new Point(100, 80), 1, SWT.MOD1, SWT.MouseVerticalWheel);
        wheel(new Point(100, 80), 1, SWT.MOD1, SWT.MouseVerticalWheel);
        assertEquals(z * 1.21, canvas().zoom(), 1e-12);

        // A category cannot be dragged; a node type can.
        Tree tree = window.palette().tree();
        TreeItem cohort = paletteEntry("cohort", "org.gyrus.samples.cohort");
        tree.setSelection(cohort.getParentItem());
        assertFalse(dragFromPalette(new Point(250, 180)), "a category is not a node type");
        assertTrue(session.document().pipeline().nodes().isEmpty());

        tree.setSelection(cohort);
        Point at = new Point(250, 180);
        assertTrue(dragFromPalette(at));
        assertEquals(List.of("cohort"), ids());
        Pipeline.Node n = node("cohort");
        Point corner = canvas().toScreen(n.x(), n.y());
        assertTrue(Math.abs(corner.x - at.x) <= 1 && Math.abs(corner.y - at.y) <= 1,
                "the node's corner is where it was dropped: " + corner + " vs " + at);
        assertEquals(Set.of("cohort"), session.selection().nodes(), "the dropped node is selected");
        assertTrue(canvas().geometry().box("cohort").orElseThrow().descriptor().isPresent());

        // A second drop of the same type gets a fresh id, elsewhere.
        Point second = new Point(500, 320);
        assertTrue(dragFromPalette(second));
        assertEquals(List.of("cohort", "cohort_2"), ids());
        Point corner2 = canvas().toScreen(node("cohort_2").x(), node("cohort_2").y());
        assertTrue(Math.abs(corner2.x - second.x) <= 1 && Math.abs(corner2.y - second.y) <= 1, corner2 + " vs " + second);

        // Text that names no node type (dragged from elsewhere) adds nothing and says why.
        Pipeline before = session.document().pipeline();
        TransferData text = TextTransfer.getInstance().getSupportedTypes()[0];
        drop(new Point(300, 300), "not.a.node-type", text);
        assertSame(before, session.document().pipeline());
        assertTrue(window.editor().status().getText().contains("not.a.node-type"), window.editor().status().getText());

        // Each drop is one edit: undo takes them back one at a time.
        session.document().undo();
        assertEquals(List.of("cohort"), ids());
        session.document().undo();
        assertTrue(session.document().pipeline().nodes().isEmpty());
    }

    @Test
    void ctrlWheelZoomsAboutTheCursorAndFitShowsEveryNode() {
        press("Demo");
        press("Fit");
        Pipeline loaded = session.document().pipeline();
        double z0 = canvas().zoom();
        Point cursor = new Point(310, 230);

        // One notch in: ×1.1, the scene point under the cursor stays put.
        Map<String, Point> before = corners();
        wheel(cursor, 3, SWT.MOD1, SWT.MouseVerticalWheel);
        assertEquals(z0 * 1.1, canvas().zoom(), 1e-12);
        assertZoomedAbout(cursor, 1.1, before, corners());

        // Two more in, one out, elsewhere: ×1.1² overall about that point.
        Point other = new Point(120, 400);
        before = corners();
        wheel(other, 3, SWT.MOD1, SWT.MouseVerticalWheel);
        wheel(other, 3, SWT.MOD1, SWT.MouseVerticalWheel);
        wheel(other, 3, SWT.MOD1, SWT.MouseVerticalWheel);
        wheel(other, -3, SWT.MOD1, SWT.MouseVerticalWheel);
        assertEquals(z0 * Math.pow(1.1, 3), canvas().zoom(), 1e-9);
        assertZoomedAbout(other, 1.1 * 1.1, before, corners());

        // The zoom stops at 4×, still about the cursor.
        double z1 = canvas().zoom();
        before = corners();
        for (int i = 0; i < 40; i++) {
            wheel(cursor, 3, SWT.MOD1, SWT.MouseVerticalWheel);
        }
        assertEquals(4.0, canvas().zoom(), 0);
        assertZoomedAbout(cursor, 4.0 / z1, before, corners());

        // Ctrl+- and Ctrl+= zoom by 1.2 about the middle of the canvas.
        Rectangle area = canvas().control().getClientArea();
        Point middle = new Point(area.width / 2, area.height / 2);
        before = corners();
        key('-', SWT.MOD1);
        assertEquals(4.0 / 1.2, canvas().zoom(), 1e-12);
        assertZoomedAbout(middle, 1 / 1.2, before, corners());
        key('=', SWT.MOD1);
        assertEquals(4.0, canvas().zoom(), 1e-12);

        // Fit (Ctrl+0): every node visible, centred, the tighter side 20 px from the edge.
        key('0', SWT.MOD1);
        assertFits(area);
        assertEquals(z0, canvas().zoom(), 1e-12, "fit gives the same view from anywhere");
        wheel(cursor, -3, SWT.MOD1, SWT.MouseVerticalWheel);
        wheel(cursor, -3, SWT.MOD1, SWT.MouseVerticalWheel);
        press("Fit");
        assertEquals(z0, canvas().zoom(), 1e-12);
        assertFits(area);

        // Zooming is a view change, not an edit.
        assertSame(loaded, session.document().pipeline());
        assertFalse(session.document().canUndo());
    }

    private void assertFits(Rectangle area) {
        double[] bb = canvas().geometry().bounds().orElseThrow();
        Point topLeft = canvas().toScreen(bb[0], bb[1]);
        Point bottomRight = canvas().toScreen(bb[0] + bb[2], bb[1] + bb[3]);
        assertTrue(topLeft.x >= 0 && topLeft.y >= 0 && bottomRight.x <= area.width && bottomRight.y <= area.height,
                topLeft + " – " + bottomRight + " in " + area);
        int left = topLeft.x;
        int right = area.width - bottomRight.x;
        int top = topLeft.y;
        int bottom = area.height - bottomRight.y;
        assertTrue(Math.abs(left - right) <= 2 && Math.abs(top - bottom) <= 2, "centred: " + left + "/" + right + ", " + top + "/" + bottom);
        if (canvas().zoom() < 1.5) {
            assertTrue(Math.abs(Math.min(left, top) - 20) <= 1, "margins " + left + ", " + top);
        }
    }

    @Test
    void middleDragAndTheWheelPanTheView() throws Exception {
        press("Demo");
        press("Fit");
        wheel(new Point(200, 200), 3, SWT.MOD1, SWT.MouseVerticalWheel);
        double zoom = canvas().zoom();
        Pipeline pipeline = session.document().pipeline();

        // Middle-drag: the scene follows the mouse, pixel for pixel.
        Map<String, Point> before = corners();
        Point from = new Point(400, 300);
        mouse(SWT.MouseDown, from, 2, 0);
        mouse(SWT.MouseMove, new Point(380, 290), 0, SWT.BUTTON2);
        mouse(SWT.MouseMove, new Point(340, 260), 0, SWT.BUTTON2);
        mouse(SWT.MouseUp, new Point(340, 260), 2, SWT.BUTTON2);
        assertShifted(-60, -40, before, corners());
        // After the button is up, moving the mouse no longer pans.
        before = corners();
        mouse(SWT.MouseMove, new Point(100, 100), 0, 0);
        assertShifted(0, 0, before, corners());

        // The wheel scrolls 10 px a step: down, then sideways with Shift or a horizontal wheel.
        before = corners();
        wheel(new Point(300, 300), -3, 0, SWT.MouseVerticalWheel);
        assertShifted(0, -30, before, corners());
        before = corners();
        wheel(new Point(300, 300), 2, SWT.SHIFT, SWT.MouseVerticalWheel);
        assertShifted(20, 0, before, corners());
        before = corners();
        wheel(new Point(300, 300), -4, 0, SWT.MouseHorizontalWheel);
        assertShifted(-40, 0, before, corners());

        assertEquals(zoom, canvas().zoom(), 0, "panning keeps the zoom");
        assertSame(pipeline, session.document().pipeline(), "panning is not an edit");
        assertEquals(Set.of(), session.selection().nodes(), "a middle-drag selects nothing");

        // What is drawn agrees: the selected node's blue border is where toScreen says it is.
        Rectangle area = canvas().control().getClientArea();
        SceneGeometry.Box box = canvas().geometry().boxes().stream().filter(b -> {
            Point p = canvas().toScreen(b.x(), b.y());
            Point q = canvas().toScreen(b.x() + b.width(), b.y() + b.height());
            return p.x > 10 && p.y > 10 && q.x < area.width - 10 && q.y < area.height - 10;
        }).findFirst().orElseThrow(() -> new AssertionError("no node wholly on screen: " + corners()));
        session.selection().set(Set.of(box.node().id()));
        Point corner = canvas().toScreen(box.x(), box.y());
        Point end = canvas().toScreen(box.x() + box.width(), box.y());
        ImageData pixels = grabAfterPaint();
        int blue = 0;
        for (int x = corner.x + 12; x < end.x - 12; x++) {
            for (int y = corner.y - 2; y <= corner.y + 2; y++) {
                if (x >= 0 && y >= 0 && x < pixels.width && y < pixels.height) {
                    RGB rgb = pixels.palette.getRGB(pixels.getPixel(x, y));
                    if (rgb.blue > 180 && rgb.red < 110 && rgb.green < 160) {
                        blue++;
                    }
                }
            }
        }
        int span = end.x - corner.x - 24;
        assertTrue(span > 20, "the node is on screen: " + corner + " – " + end);
        assertTrue(blue >= span, "the selected border is drawn along " + corner + " – " + end + " (" + blue + " blue pixels for " + span + " columns)");
    }
}
