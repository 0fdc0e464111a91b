package org.gyrus.workbench.tests;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.TransferData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swt.widgets.Widget;
import org.gyrus.pipeline.ExamplePipeline;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.workbench.WorkbenchSession;
import org.gyrus.workbench.WorkbenchWindow;
import org.gyrus.workbench.canvas.PipelineCanvas;
import org.gyrus.workbench.editor.SceneGeometry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What the workbench UI tests share: a shell holding the real {@link WorkbenchWindow} on a session
 * with the real node registry (OSGi services), a disk cache and an autosave folder in a temporary
 * directory, and helpers that send events to the widgets' listeners as a user's clicks would.
 */
abstract class WorkbenchUi {

    @TempDir
    Path dir;

    Display display;
    Shell shell;
    WorkbenchSession session;
    WorkbenchWindow window;
    NodeRegistry registry;
    List<ExamplePipeline> examples;

    @BeforeEach
    void open() throws Exception {
        display = UiHarness.display();
        BundleContext bundles = FrameworkUtil.getBundle(WorkbenchUi.class).getBundleContext();
        ServiceTracker<NodeRegistry, NodeRegistry> t = new ServiceTracker<>(bundles, NodeRegistry.class, null);
        t.open();
        registry = t.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull(registry, "the node registry service");
        ServiceTracker<ExamplePipeline, ExamplePipeline> ex = new ServiceTracker<>(bundles, ExamplePipeline.class, null);
        ex.open();
        ex.waitForService(TimeUnit.SECONDS.toMillis(30));
        examples = List.of(ex.getServices(new ExamplePipeline[0]));
        open(ResultCache.onDisk(dir.resolve("cache"), 1L << 30));
    }

    void open(ResultCache cache) {
        if (shell != null) {
            shell.dispose();
        }
        shell = new Shell(display);
        shell.setSize(1400, 950);
        session = new WorkbenchSession(registry, () -> examples, cache, display::asyncExec, dir, dir.resolve("autosave"));
        session.threads(2);
        window = new WorkbenchWindow(shell, session);
        window.editor().prompt((title, question, cancel) -> SWT.NO);
        shell.open();
        UiHarness.settle(display, 100);
    }

    @AfterEach
    void close() throws Exception {
        if (session != null) {
            session.runs().cancel();
            session.runs().await();
        }
        if (shell != null) {
            shell.dispose();
        }
        UiHarness.settle(display, 50);
    }

    PipelineCanvas canvas() {
        return window.editor().canvas();
    }

    static void send(Control c, int type, Event e) {
        c.notifyListeners(type, e);
    }

    void mouse(int type, Point p, int button, int stateMask) {
        Event e = new Event();
        e.x = p.x;
        e.y = p.y;
        e.button = button;
        e.stateMask = stateMask;
        send(canvas().control(), type, e);
    }

    /** Drags with the left button from one canvas point to another, as a user does. */
    void drag(Point from, Point to) {
        mouse(SWT.MouseDown, from, 1, 0);
        mouse(SWT.MouseMove, new Point((from.x + to.x) / 2, (from.y + to.y) / 2), 0, SWT.BUTTON1);
        mouse(SWT.MouseMove, to, 0, SWT.BUTTON1);
        mouse(SWT.MouseUp, to, 1, SWT.BUTTON1);
    }

    Point port(String node, String port, boolean output) {
        SceneGeometry.Port p = canvas().geometry().box(node).orElseThrow().port(port, output).orElseThrow();
        return canvas().toScreen(p.x(), p.y());
    }

    void key(int keyCode, int stateMask) {
        Event e = new Event();
        e.keyCode = keyCode;
        e.character = (char) keyCode;
        e.stateMask = stateMask;
        send(canvas().control(), SWT.KeyDown, e);
    }

    void press(String toolItem) {
        window.editor().toolItem(toolItem).notifyListeners(SWT.Selection, new Event());
    }

    static List<TreeItem> leaves(TreeItem[] items) {
        List<TreeItem> out = new ArrayList<>();
        for (TreeItem i : items) {
            if (i.getData() instanceof String) {
                out.add(i);
            }
            out.addAll(leaves(i.getItems()));
        }
        return out;
    }
    /** Pumps events until the run has ended and the window has heard so (the status line no longer says running). */
    void awaitRunEnd(Duration timeout) {
        UiHarness.pump(display, () -> !session.runs().isRunning() && session.runs().last().isPresent()
                && !window.editor().status().getText().startsWith("Running"), timeout);
    }

    List<String> ids() {
        return session.document().pipeline().nodes().stream().map(Pipeline.Node::id).toList();
    }

    Pipeline.Node node(String id) {
        return session.document().pipeline().node(id).orElseThrow();
    }

    /** SWT's drag-and-drop event, as SWT's platform code makes it. */
    Event dndEvent(Widget w, Point displayAt, Object data, TransferData type, int detail) throws Exception {
        Class<?> k = Class.forName("org.eclipse.swt.dnd.DNDEvent", true, DND.class.getClassLoader());
        Constructor<?> c = k.getDeclaredConstructor();
        c.setAccessible(true);
        Event e = (Event) c.newInstance();
        e.widget = w;
        e.display = display;
        e.x = displayAt.x;
        e.y = displayAt.y;
        e.data = data;
        e.detail = detail;
        e.doit = true;
        e.time = (int) System.currentTimeMillis();
        var dataType = k.getField("dataType");
        dataType.setAccessible(true);
        dataType.set(e, type);
        var dataTypes = k.getField("dataTypes");
        dataTypes.setAccessible(true);
        dataTypes.set(e, new TransferData[] {type});
        var operations = k.getField("operations");
        operations.setAccessible(true);
        operations.set(e, DND.DROP_COPY | DND.DROP_MOVE);
        return e;
    }

    /** Drops {@code data} of the transfer type {@code type} on the canvas at {@code at}, as SWT's drag and drop does. */
    void drop(Point at, Object data, TransferData type) throws Exception {
        DropTarget target = (DropTarget) canvas().control().getData(DND.DROP_TARGET_KEY);
        Point onScreen = canvas().control().toDisplay(at);
        Event enter = dndEvent(target, onScreen, null, type, DND.DROP_COPY);
        target.notifyListeners(DND.DragEnter, enter);
        Event over = dndEvent(target, onScreen, null, type, enter.detail);
        target.notifyListeners(DND.DragOver, over);
        assertNotEquals(DND.DROP_NONE, over.detail, "the canvas accepts the drag");
        target.notifyListeners(DND.Drop, dndEvent(target, onScreen, data, type, over.detail));
    }

    /** Redraws the canvas, waits until it has painted, and copies what is on the screen. */
    ImageData grabAfterPaint() {
        int[] paints = {0};
        Listener count = e -> paints[0]++;
        canvas().control().addListener(SWT.Paint, count);
        try {
            canvas().control().redraw();
            UiHarness.pump(display, () -> paints[0] > 0, Duration.ofSeconds(10));
        } finally {
            canvas().control().removeListener(SWT.Paint, count);
        }
        Point size = canvas().control().getSize();
        Image image = new Image(display, size.x, size.y);
        GC gc = new GC(canvas().control());
        try {
            gc.copyArea(image, 0, 0);
            return image.getImageData();
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
