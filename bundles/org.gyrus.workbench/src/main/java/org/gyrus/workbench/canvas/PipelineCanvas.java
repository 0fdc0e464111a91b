package org.gyrus.workbench.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Path;
import org.eclipse.swt.graphics.Pattern;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.Pipeline.Edge;
import org.gyrus.workbench.editor.Connections;
import org.gyrus.workbench.editor.LayeredLayout;
import org.gyrus.workbench.editor.NodeStatuses;
import org.gyrus.workbench.editor.PipelineClipboard;
import org.gyrus.workbench.editor.PipelineDocument;
import org.gyrus.workbench.editor.PipelineEdits;
import org.gyrus.workbench.editor.SceneGeometry;
import org.gyrus.workbench.editor.SceneGeometry.Box;
import org.gyrus.workbench.editor.SceneGeometry.Port;
import org.gyrus.workbench.editor.Selection;

/**
 * The pipeline drawn on an SWT canvas: nodes as boxes with name, type, state badge and progress
 * strip; ports coloured by data type; edges as curves. It only draws the {@link PipelineDocument}
 * and turns mouse and keys into its edits: drag to move, drag on empty space to select with a
 * rubber band, drag from port to port to connect (incompatible ports dimmed, a refused drop says
 * why), middle-drag or wheel to pan, Ctrl+wheel to zoom. Keys: Delete, Ctrl+Z/Y (Ctrl+Shift+Z),
 * Ctrl+C/X/V, Ctrl+A, Ctrl+L (layout), Ctrl+0 (fit), Ctrl+= / Ctrl+- (zoom), Ctrl+Space or typing
 * a letter (quick add).
 */
public final class PipelineCanvas {

    private enum Gesture { NONE, MOVE, RUBBER, CONNECT, PAN }

    private final Canvas canvas;
    private final PipelineDocument document;
    private final Selection selection;
    private final Function<String, Optional<NodeDescriptor>> types;
    private final Supplier<List<NodeDescriptor>> installed;
    private final Supplier<NodeStatuses> statuses;
    private final Connections connections;
    private final Font bold;
    private final Font small;
    private final TextLayouts labels;

    private SceneGeometry geometry;
    private double zoom = 1;
    private double originX;
    private double originY;

    private Gesture gesture = Gesture.NONE;
    private double pressX;
    private double pressY;
    private double dragX;
    private double dragY;
    private int panX;
    private int panY;
    private Port connectFrom;
    private String lastMessage = "";
    private String clipboardFallback;

    private Consumer<String> messages = m -> { };
    private Consumer<String[]> filesDropped = files -> { };
    private BiConsumer<String, String> opener = (node, port) -> { };
    private BiFunction<String, String, String> portSummary = (node, port) -> "";

    /**
     * @param types     the installed node type of a type id
     * @param installed every installed node type (for quick add)
     * @param statuses  the node states of the current or last run
     */
    public PipelineCanvas(Composite parent, PipelineDocument document, Selection selection,
            Function<String, Optional<NodeDescriptor>> types, Supplier<List<NodeDescriptor>> installed, Supplier<NodeStatuses> statuses) {
        this.document = document;
        this.selection = selection;
        this.types = types;
        this.installed = installed;
        this.statuses = statuses;
        this.connections = new Connections(types);
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        FontData fd = canvas.getFont().getFontData()[0];
        bold = new Font(canvas.getDisplay(), fd.getName(), fd.getHeight(), SWT.BOLD);
        small = new Font(canvas.getDisplay(), fd.getName(), Math.max(7, fd.getHeight() - 1), SWT.NORMAL);
        labels = new TextLayouts(canvas.getDisplay());
        geometry = new SceneGeometry(document.pipeline(), types);

        PipelineDocument.Listener onChange = d -> {
            geometry = new SceneGeometry(d.pipeline(), types);
            Set<String> ids = new LinkedHashSet<>();
            d.pipeline().nodes().forEach(n -> ids.add(n.id()));
            selection.retain(ids);
            redraw();
        };
        document.addListener(onChange);
        Consumer<Selection> onSelect = s -> redraw();
        selection.addListener(onSelect);
        canvas.addDisposeListener(e -> {
            document.removeListener(onChange);
            labels.dispose();
            disposeDragLayer();
            bold.dispose();
            small.dispose();
        });
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.MouseDown, this::mouseDown);
        canvas.addListener(SWT.MouseMove, this::mouseMove);
        canvas.addListener(SWT.MouseUp, this::mouseUp);
        canvas.addListener(SWT.MouseDoubleClick, this::doubleClick);
        canvas.addListener(SWT.MouseVerticalWheel, this::wheel);
        canvas.addListener(SWT.MouseHorizontalWheel, this::wheel);
        canvas.addListener(SWT.KeyDown, this::key);
        canvas.addListener(SWT.MouseHover, this::hover);
        // Node types dragged from the palette arrive as their id in text.
        DropTarget drop = new DropTarget(canvas, DND.DROP_COPY | DND.DROP_MOVE);
        drop.setTransfer(new Transfer[] {TextTransfer.getInstance(), FileTransfer.getInstance()});
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void drop(DropTargetEvent event) {
                if (event.data instanceof String[] files) {
                    filesDropped.accept(files);
                } else if (event.data instanceof String id) {
                    Point p = canvas.toControl(event.x, event.y);
                    addNode(id.trim(), toModelX(p.x), toModelY(p.y));
                }
            }
        });
    }

    /** The SWT control. */
    public Canvas control() {
        return canvas;
    }

    /** Where the canvas sends messages for the status line (a refused connection, a paste error). */
    public void onMessage(Consumer<String> c) {
        messages = c;
    }

    /** What a drop of files on the canvas does (open the pipeline that made them). */
    public void onFilesDropped(Consumer<String[]> c) {
        filesDropped = c;
    }

    /** What opens a viewer on a node's output port (double-click on a port, or on a node: its first output). */
    public void onOpen(BiConsumer<String, String> c) {
        opener = c;
    }

    /** The one-line summary of a port's value that hovering shows (empty: none yet). */
    public void portSummary(BiFunction<String, String, String> f) {
        portSummary = f;
    }

    /** The last message the canvas gave (tests read it). */
    public String lastMessage() {
        return lastMessage;
    }

    /** The scale from model to screen. */
    public double zoom() {
        return zoom;
    }

    /** The geometry of what is drawn, in model units. */
    public SceneGeometry geometry() {
        return geometry;
    }

    /** Screen coordinates (in the canvas) of a model point. */
    public Point toScreen(double x, double y) {
        return new Point((int) Math.round((x - originX) * zoom), (int) Math.round((y - originY) * zoom));
    }

    double toModelX(int x) {
        return x / zoom + originX;
    }

    double toModelY(int y) {
        return y / zoom + originY;
    }

    /** Lays the scene out again and redraws (node types came or went). */
    public void refresh() {
        geometry = new SceneGeometry(document.pipeline(), types);
        redraw();
    }

    /** Redraws soon (batched by SWT). */
    public void redraw() {
        if (!canvas.isDisposed()) {
            canvas.redraw();
        }
    }

    /** Redraws the part of the canvas in {@code r} (canvas pixels) soon; everything if null. */
    private void redraw(Rectangle r) {
        if (r == null) {
            redraw();
        } else if (!canvas.isDisposed()) {
            canvas.redraw(r.x, r.y, r.width, r.height, false);
        }
    }

    // ----- edits -------------------------------------------------------------------------------

    /** Adds a node of type {@code typeId} with its top-left corner at the model point (x, y), and selects it. */
    public Optional<String> addNode(String typeId, double x, double y) {
        Optional<NodeDescriptor> d = types.apply(typeId);
        if (d.isEmpty()) {
            message("No installed node type has the id '" + typeId + "'.");
            return Optional.empty();
        }
        String id = PipelineEdits.freshId(document.pipeline(), typeId);
        document.apply("Add " + d.get().name(), p -> PipelineEdits.addNode(p, d.get(), id, x, y));
        selection.set(Set.of(id));
        canvas.setFocus();
        return Optional.of(id);
    }

    /** Adds a node in the middle of what is visible. */
    public Optional<String> addNodeAtCentre(String typeId) {
        Rectangle r = canvas.getClientArea();
        return addNode(typeId, toModelX(r.width / 2) - SceneGeometry.WIDTH / 2, toModelY(r.height / 2) - 30);
    }

    /**
     * Connects an output port to an input port if the connection is allowed.
     *
     * @return empty if connected, else why not (also shown on the status line)
     */
    public Optional<String> connect(String fromNode, String output, String toNode, String input) {
        Edge edge = new Edge(fromNode, output, toNode, input);
        Optional<String> refusal = connections.refusal(document.pipeline(), edge);
        if (refusal.isPresent()) {
            message("Not connected: " + refusal.get());
        } else {
            document.apply("Connect " + edge, p -> PipelineEdits.connect(p, edge));
            message("");
        }
        return refusal;
    }

    /** Deletes the selected nodes and their edges. */
    public void deleteSelection() {
        Set<String> ids = selection.nodes();
        if (!ids.isEmpty()) {
            document.apply(ids.size() == 1 ? "Delete " + ids.iterator().next() : "Delete " + ids.size() + " nodes",
                    p -> PipelineEdits.delete(p, ids));
            selection.set(Set.of());
        }
    }

    /** Copies the selected nodes and the edges among them, to the system clipboard as pipeline text. */
    public void copySelection() {
        if (selection.nodes().isEmpty()) {
            return;
        }
        clipboardFallback = PipelineClipboard.copy(document.pipeline(), selection.nodes());
        org.eclipse.swt.dnd.Clipboard cb = new org.eclipse.swt.dnd.Clipboard(canvas.getDisplay());
        try {
            cb.setContents(new Object[] {clipboardFallback}, new Transfer[] {TextTransfer.getInstance()});
        } catch (RuntimeException e) {
            // No system clipboard (a bare X server): the workbench's own copy still pastes.
        } finally {
            cb.dispose();
        }
    }

    /** Pastes nodes from the clipboard, shifted so they do not hide the originals, and selects them. */
    public void paste() {
        org.eclipse.swt.dnd.Clipboard cb = new org.eclipse.swt.dnd.Clipboard(canvas.getDisplay());
        String text;
        try {
            Object c = cb.getContents(TextTransfer.getInstance());
            text = c instanceof String s && s.contains("gyrus-pipeline") ? s : clipboardFallback;
        } finally {
            cb.dispose();
        }
        if (text == null) {
            return;
        }
        try {
            PipelineClipboard.Pasted[] out = new PipelineClipboard.Pasted[1];
            String t = text;
            document.apply("Paste", p -> (out[0] = PipelineClipboard.paste(p, t, 30, 30)).pipeline());
            selection.set(out[0].ids());
        } catch (IllegalArgumentException e) {
            message(e.getMessage());
        }
    }

    /** Lays the graph out in layers, left to right. */
    public void layout() {
        SceneGeometry g = geometry;
        Map<String, double[]> positions = new LayeredLayout(SceneGeometry.WIDTH + 70, 90).positions(document.pipeline(),
                id -> g.box(id).map(SceneGeometry.Box::height).orElse(60.0));
        document.apply("Auto-layout", p -> PipelineEdits.place(p, positions));
        fit();
    }

    /** Zooms and pans so that every node is visible. */
    public void fit() {
        Optional<double[]> b = geometry.bounds();
        Rectangle r = canvas.getClientArea();
        if (b.isEmpty() || r.width < 10 || r.height < 10) {
            zoom = 1;
            originX = 0;
            originY = 0;
        } else {
            double[] bb = b.get();
            zoom = Math.max(0.2, Math.min(1.5, Math.min((r.width - 40) / bb[2], (r.height - 40) / bb[3])));
            originX = bb[0] - (r.width / zoom - bb[2]) / 2;
            originY = bb[1] - (r.height / zoom - bb[3]) / 2;
        }
        redraw();
    }

    /** Zooms by {@code factor} about the canvas point (x, y). */
    public void zoomBy(double factor, int x, int y) {
        double mx = toModelX(x);
        double my = toModelY(y);
        zoom = Math.max(0.15, Math.min(4, zoom * factor));
        originX = mx - x / zoom;
        originY = my - y / zoom;
        redraw();
    }

    private void message(String m) {
        lastMessage = m;
        messages.accept(m);
    }

    // ----- input ------------------------------------------------------------------------------

    private void mouseDown(Event e) {
        canvas.setFocus();
        double x = toModelX(e.x);
        double y = toModelY(e.y);
        pressX = x;
        pressY = y;
        dragX = 0;
        dragY = 0;
        if (e.button == 2) {
            gesture = Gesture.PAN;
            panX = e.x;
            panY = e.y;
            return;
        }
        if (e.button != 1) {
            return;
        }
        Optional<Port> port = geometry.portAt(x, y);
        if (port.isPresent() && port.get().output()) {
            gesture = Gesture.CONNECT;
            connectFrom = port.get();
            return;
        }
        if (port.isPresent()) {
            // Dragging from a connected input picks its edge up, as in KNIME and Orange.
            Optional<Edge> in = document.pipeline().edges().stream()
                    .filter(ed -> ed.toNode().equals(port.get().node()) && ed.input().equals(port.get().name())).findFirst();
            if (in.isPresent()) {
                document.apply("Disconnect " + in.get(), p -> PipelineEdits.disconnect(p, in.get()));
                connectFrom = geometry.box(in.get().fromNode()).flatMap(b -> b.port(in.get().output(), true)).orElse(null);
                gesture = connectFrom == null ? Gesture.NONE : Gesture.CONNECT;
                dragX = x;
                dragY = y;
                return;
            }
        }
        Optional<Box> box = geometry.nodeAt(x, y);
        if (box.isPresent()) {
            String id = box.get().node().id();
            if ((e.stateMask & (SWT.SHIFT | SWT.MOD1)) != 0) {
                Set<String> s = new LinkedHashSet<>(selection.nodes());
                if (!s.remove(id)) {
                    s.add(id);
                }
                selection.set(s);
            } else if (!selection.nodes().contains(id)) {
                selection.set(Set.of(id));
            }
            gesture = Gesture.MOVE;
            return;
        }
        if ((e.stateMask & (SWT.SHIFT | SWT.MOD1)) == 0) {
            selection.set(Set.of());
        }
        gesture = Gesture.RUBBER;
    }

    private void mouseMove(Event e) {
        double x = toModelX(e.x);
        double y = toModelY(e.y);
        switch (gesture) {
            case PAN -> {
                originX -= (e.x - panX) / zoom;
                originY -= (e.y - panY) / zoom;
                panX = e.x;
                panY = e.y;
                redraw();
            }
            case MOVE -> {
                // Only what moves is drawn again: the dragged boxes and their edges, where they were
                // and where they are now (paint skips everything outside the damaged region).
                Rectangle before = movingBounds();
                dragX = x - pressX;
                dragY = y - pressY;
                redraw(union(before, movingBounds()));
            }
            case RUBBER, CONNECT -> {
                dragX = x;
                dragY = y;
                redraw();
            }
            default -> {
            }
        }
    }

    private void mouseUp(Event e) {
        double x = toModelX(e.x);
        double y = toModelY(e.y);
        Gesture g = gesture;
        gesture = Gesture.NONE;
        switch (g) {
            case MOVE -> {
                double dx = x - pressX;
                double dy = y - pressY;
                Set<String> ids = selection.nodes();
                if ((Math.abs(dx) > 0.5 || Math.abs(dy) > 0.5) && !ids.isEmpty()) {
                    document.apply(ids.size() == 1 ? "Move " + ids.iterator().next() : "Move " + ids.size() + " nodes",
                            p -> PipelineEdits.move(p, ids, dx, dy));
                }
            }
            case RUBBER -> {
                Set<String> s = new LinkedHashSet<>(selection.nodes());
                s.addAll(geometry.nodesIn(pressX, pressY, x, y));
                selection.set(s);
            }
            case CONNECT -> {
                Optional<Port> target = geometry.portAt(x, y);
                if (target.isEmpty()) {
                    // Dropping on a node's box connects to its first input that accepts the value.
                    target = geometry.nodeAt(x, y).flatMap(b -> b.inputs().stream()
                            .filter(p -> accepts(p)).findFirst().or(() -> b.inputs().stream().findFirst()));
                }
                if (target.isPresent() && !target.get().output() && connectFrom != null) {
                    connect(connectFrom.node(), connectFrom.name(), target.get().node(), target.get().name());
                }
                connectFrom = null;
            }
            default -> {
            }
        }
        dragX = 0;
        dragY = 0;
        redraw();
    }

    private boolean accepts(Port input) {
        return connectFrom != null && connections.refusal(document.pipeline(),
                new Edge(connectFrom.node(), connectFrom.name(), input.node(), input.name())).isEmpty();
    }

    private void doubleClick(Event e) {
        double x = toModelX(e.x);
        double y = toModelY(e.y);
        Optional<Port> port = geometry.portAt(x, y);
        if (port.isPresent() && port.get().output()) {
            opener.accept(port.get().node(), port.get().name());
            return;
        }
        Optional<Box> box = geometry.nodeAt(x, y);
        if (box.isPresent()) {
            opener.accept(box.get().node().id(), box.get().outputs().isEmpty() ? null : box.get().outputs().get(0).name());
            return;
        }
        QuickAdd.open(canvas, installed.get(), "", id -> addNode(id, x, y));
    }

    private void wheel(Event e) {
        if ((e.stateMask & SWT.MOD1) != 0) {
            zoomBy(e.count > 0 ? 1.1 : 1 / 1.1, e.x, e.y);
        } else if (e.type == SWT.MouseHorizontalWheel || (e.stateMask & SWT.SHIFT) != 0) {
            originX -= e.count * 10 / zoom;
            redraw();
        } else {
            originY -= e.count * 10 / zoom;
            redraw();
        }
        e.doit = false;
    }

    private void hover(Event e) {
        double x = toModelX(e.x);
        double y = toModelY(e.y);
        Optional<Port> port = geometry.portAt(x, y);
        String tip = null;
        if (port.isPresent()) {
            Port p = port.get();
            String summary = portSummary.apply(p.node(), p.name());
            tip = p.name() + " : " + (p.type() == null ? "unknown type" : p.type().getSimpleName())
                    + (summary == null || summary.isEmpty() ? "" : "\n" + summary);
        } else {
            Optional<Box> box = geometry.nodeAt(x, y);
            if (box.isPresent()) {
                String id = box.get().node().id();
                tip = statuses.get().of(id).filter(s -> !s.message().isEmpty()).map(s -> id + ": " + s.message())
                        .orElse(box.get().descriptor().map(d -> d.name() + " (" + d.id() + ")")
                                .orElse(missingText(box.get().node().type())));
            }
        }
        canvas.setToolTipText(tip);
    }

    /** What a node of a missing type says: the plug-in that would provide it. */
    static String missingText(String type) {
        int dot = type.lastIndexOf('.');
        return "Not installed: " + type + (dot > 0 ? " (from the plug-in " + type.substring(0, dot) + ")" : "");
    }

    private void key(Event e) {
        boolean mod = (e.stateMask & SWT.MOD1) != 0;
        boolean shift = (e.stateMask & SWT.SHIFT) != 0;
        int k = Character.toLowerCase(e.keyCode);
        if (e.keyCode == SWT.DEL || e.keyCode == SWT.BS) {
            deleteSelection();
        } else if (mod && k == 'z' && !shift) {
            document.undo();
        } else if (mod && (k == 'y' || (k == 'z' && shift))) {
            document.redo();
        } else if (mod && k == 'c') {
            copySelection();
        } else if (mod && k == 'x') {
            copySelection();
            deleteSelection();
        } else if (mod && k == 'v') {
            paste();
        } else if (mod && k == 'a') {
            Set<String> all = new LinkedHashSet<>();
            document.pipeline().nodes().forEach(n -> all.add(n.id()));
            selection.set(all);
        } else if (mod && k == 'l') {
            layout();
        } else if (mod && k == '0') {
            fit();
        } else if (mod && (k == '=' || k == '+' || e.keyCode == SWT.KEYPAD_ADD)) {
            Rectangle r = canvas.getClientArea();
            zoomBy(1.2, r.width / 2, r.height / 2);
        } else if (mod && (k == '-' || e.keyCode == SWT.KEYPAD_SUBTRACT)) {
            Rectangle r = canvas.getClientArea();
            zoomBy(1 / 1.2, r.width / 2, r.height / 2);
        } else if (mod && k == ' ') {
            openQuickAdd("");
        } else if (!mod && Character.isLetter(e.character)) {
            openQuickAdd(String.valueOf(e.character));
        } else if (!mod && (e.keyCode == SWT.ARROW_LEFT || e.keyCode == SWT.ARROW_RIGHT || e.keyCode == SWT.ARROW_UP
                || e.keyCode == SWT.ARROW_DOWN) && !selection.nodes().isEmpty()) {
            double step = shift ? 50 : 10;
            double dx = e.keyCode == SWT.ARROW_LEFT ? -step : e.keyCode == SWT.ARROW_RIGHT ? step : 0;
            double dy = e.keyCode == SWT.ARROW_UP ? -step : e.keyCode == SWT.ARROW_DOWN ? step : 0;
            Set<String> ids = selection.nodes();
            document.apply("Move", p -> PipelineEdits.move(p, ids, dx, dy));
        }
    }

    /** Opens the quick-add box (type a few letters, Enter) at the middle of the canvas. */
    public QuickAdd openQuickAdd(String typed) {
        Rectangle r = canvas.getClientArea();
        double x = toModelX(r.width / 2) - SceneGeometry.WIDTH / 2;
        double y = toModelY(r.height / 2) - 30;
        return QuickAdd.open(canvas, installed.get(), typed, id -> addNode(id, x, y));
    }

    // ----- drawing ----------------------------------------------------------------------------

    /** Margins around a box that its drawing may reach: port discs, the failure message below. */
    private static final int LEFT = 8;
    private static final int TOP = 8;
    private static final int RIGHT = 76;
    private static final int BOTTOM = 28;

    /**
     * What the drag layer shows: everything but the dragged boxes and their edges, as they are drawn
     * at this zoom, pan and size, with this pipeline, selection and these node states. When any of
     * these differs, the layer is drawn again.
     */
    private record LayerKey(Pipeline pipeline, SceneGeometry geometry, double zoom, double originX, double originY,
            int width, int height, Set<String> moving, Map<String, NodeStatuses.Status> states) {
    }

    /** The drag layer (null when no drag is under way), a pattern that paints it, and what it shows. */
    private Image dragLayer;
    private Pattern dragLayerPattern;
    private LayerKey dragLayerKey;
    /** Tests turn the drag layer off to compare its frames with full drawings. */
    boolean dragLayerEnabled = true;
    private boolean drawnFromDragLayer;

    /** Whether the last paint copied the still part of the canvas from the drag layer (tests). */
    boolean drawnFromDragLayer() {
        return drawnFromDragLayer;
    }

    private void paint(GC gc) {
        Rectangle area = canvas.getClientArea();
        Rectangle damaged = gc.getClipping();
        Rectangle moving = dragLayerEnabled ? movingBounds() : null;
        drawnFromDragLayer = moving != null && area.width > 0 && area.height > 0;
        if (!drawnFromDragLayer) {
            disposeDragLayer();
            drawScene(gc, area, damaged, Set.of());
            return;
        }
        // While boxes are dragged, what does not move is copied from an image drawn once when the
        // drag began (or when anything else changed since); only the part of the canvas that the
        // dragged boxes and their edges cover now is drawn again, with everything in it (so the
        // stacking order and every pixel are those of a full drawing).
        Set<String> ids = Set.copyOf(selection.nodes());
        LayerKey key = new LayerKey(document.pipeline(), geometry, zoom, originX, originY, area.width, area.height, ids,
                statuses.get().all());
        if (dragLayer == null || !key.equals(dragLayerKey)) {
            disposeDragLayer();
            dragLayer = new Image(canvas.getDisplay(), area.width, area.height);
            GC layerGc = new GC(dragLayer);
            try {
                drawScene(layerGc, area, new Rectangle(0, 0, area.width, area.height), ids);
            } finally {
                layerGc.dispose();
            }
            dragLayerPattern = new Pattern(canvas.getDisplay(), dragLayer);
            dragLayerKey = key;
        }
        // Filled with the layer as a pattern (no transform: pixel for pixel), not GC.drawImage, which on
        // GTK reads the whole image back from the X server on every call (Image.getImageData).
        Rectangle copy = damaged.intersection(new Rectangle(0, 0, area.width, area.height));
        if (!copy.isEmpty()) {
            gc.setBackgroundPattern(dragLayerPattern);
            gc.fillRectangle(copy);
            gc.setBackgroundPattern(null);
        }
        Rectangle live = damaged.intersection(moving);
        if (!live.isEmpty()) {
            gc.setClipping(live);
            drawScene(gc, area, live, Set.of());
            gc.setClipping(damaged);
        }
    }

    private void disposeDragLayer() {
        if (dragLayer != null) {
            dragLayerPattern.dispose();
            dragLayerPattern = null;
            dragLayer.dispose();
            dragLayer = null;
            dragLayerKey = null;
        }
    }

    /**
     * Draws the scene within {@code damaged} (canvas pixels): the background, the edges, then the
     * boxes in their order, leaving out the boxes in {@code hidden} and every edge that touches one.
     */
    private void drawScene(GC gc, Rectangle area, Rectangle damaged, Set<String> hidden) {
        // The damaged region in model coordinates: boxes and edges outside it are not drawn.
        double clipX0 = toModelX(damaged.x);
        double clipY0 = toModelY(damaged.y);
        double clipX1 = toModelX(damaged.x + damaged.width);
        double clipY1 = toModelY(damaged.y + damaged.height);
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        Transform t = new Transform(gc.getDevice());
        t.scale((float) zoom, (float) zoom);
        t.translate((float) -originX, (float) -originY);
        gc.setTransform(t);
        Map<RGB, Color> colours = new HashMap<>();
        // Edges are stroked as one path per colour: a Path per edge costs a native context each.
        Map<RGB, Path> edges = new LinkedHashMap<>();
        try {
            Pipeline p = document.pipeline();
            double mx = gesture == Gesture.MOVE ? dragX : 0;
            double my = gesture == Gesture.MOVE ? dragY : 0;
            Set<String> moving = gesture == Gesture.MOVE ? selection.nodes() : Set.of();
            gc.setLineWidth(2);
            for (Edge e : p.edges()) {
                if (!hidden.isEmpty() && (hidden.contains(e.fromNode()) || hidden.contains(e.toNode()))) {
                    continue;
                }
                Optional<Port> a = geometry.box(e.fromNode()).flatMap(b -> b.port(e.output(), true));
                Optional<Port> b = geometry.box(e.toNode()).flatMap(bx -> bx.port(e.input(), false));
                if (a.isEmpty() || b.isEmpty()) {
                    continue;
                }
                double[] c = SceneGeometry.curve(a.get().x() + (moving.contains(e.fromNode()) ? mx : 0),
                        a.get().y() + (moving.contains(e.fromNode()) ? my : 0),
                        b.get().x() + (moving.contains(e.toNode()) ? mx : 0),
                        b.get().y() + (moving.contains(e.toNode()) ? my : 0));
                if (!curveMeets(c, clipX0, clipY0, clipX1, clipY1)) {
                    continue;
                }
                Path path = edges.computeIfAbsent(PortColours.of(a.get().type()), rgb -> new Path(gc.getDevice()));
                path.moveTo((float) c[0], (float) c[1]);
                path.cubicTo((float) c[2], (float) c[3], (float) c[4], (float) c[5], (float) c[6], (float) c[7]);
            }
            edges.forEach((rgb, path) -> {
                gc.setForeground(colour(colours, rgb));
                gc.drawPath(path);
            });
            for (Box b : geometry.boxes()) {
                if (hidden.contains(b.node().id())) {
                    continue;
                }
                boolean move = moving.contains(b.node().id());
                double bx = b.x() + (move ? mx : 0);
                double by = b.y() + (move ? my : 0);
                if (bx - LEFT > clipX1 || by - TOP > clipY1 || bx + b.width() + RIGHT < clipX0 || by + b.height() + BOTTOM < clipY0) {
                    continue;
                }
                drawNode(gc, colours, b, move ? mx : 0, move ? my : 0);
            }
            if (gesture == Gesture.CONNECT && connectFrom != null) {
                gc.setForeground(colour(colours, PortColours.of(connectFrom.type())));
                gc.setLineStyle(SWT.LINE_DASH);
                drawCurve(gc, connectFrom.x(), connectFrom.y(), dragX, dragY);
                gc.setLineStyle(SWT.LINE_SOLID);
            }
            if (gesture == Gesture.RUBBER && (dragX != 0 || dragY != 0)) {
                gc.setLineWidth(1);
                gc.setForeground(colour(colours, new RGB(60, 110, 200)));
                gc.setLineStyle(SWT.LINE_DOT);
                gc.drawRectangle((int) Math.min(pressX, dragX), (int) Math.min(pressY, dragY),
                        (int) Math.abs(dragX - pressX), (int) Math.abs(dragY - pressY));
                gc.setLineStyle(SWT.LINE_SOLID);
            }
        } finally {
            gc.setTransform(null);
            t.dispose();
            edges.values().forEach(Path::dispose);
            colours.values().forEach(Color::dispose);
        }
        if (document.pipeline().nodes().isEmpty()) {
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            gc.drawText("Drag nodes here from the palette, or double-click / type to add one.", 20, 20, true);
        }
    }

    /** Whether the curve with control points {@code c} may cross the model rectangle (its hull's bounds do). */
    private static boolean curveMeets(double[] c, double x0, double y0, double x1, double y1) {
        double minX = Math.min(Math.min(c[0], c[2]), Math.min(c[4], c[6])) - 2;
        double maxX = Math.max(Math.max(c[0], c[2]), Math.max(c[4], c[6])) + 2;
        double minY = Math.min(Math.min(c[1], c[3]), Math.min(c[5], c[7])) - 2;
        double maxY = Math.max(Math.max(c[1], c[3]), Math.max(c[5], c[7])) + 2;
        return minX <= x1 && maxX >= x0 && minY <= y1 && maxY >= y0;
    }

    /**
     * The canvas pixels that the boxes being dragged and their edges cover at the current drag
     * offset, or null when nothing is being dragged.
     */
    private Rectangle movingBounds() {
        Set<String> moving = selection.nodes();
        if (gesture != Gesture.MOVE || moving.isEmpty()) {
            return null;
        }
        double[] r = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (String id : moving) {
            geometry.box(id).ifPresent(b -> include(r, b.x() + dragX - LEFT, b.y() + dragY - TOP,
                    b.x() + dragX + b.width() + RIGHT, b.y() + dragY + b.height() + BOTTOM));
        }
        for (Edge e : document.pipeline().edges()) {
            boolean from = moving.contains(e.fromNode());
            boolean to = moving.contains(e.toNode());
            if (!from && !to) {
                continue;
            }
            Optional<Port> a = geometry.box(e.fromNode()).flatMap(b -> b.port(e.output(), true));
            Optional<Port> b = geometry.box(e.toNode()).flatMap(bx -> bx.port(e.input(), false));
            if (a.isPresent() && b.isPresent()) {
                double[] c = SceneGeometry.curve(a.get().x() + (from ? dragX : 0), a.get().y() + (from ? dragY : 0),
                        b.get().x() + (to ? dragX : 0), b.get().y() + (to ? dragY : 0));
                for (int i = 0; i < 8; i += 2) {
                    include(r, c[i] - 2, c[i + 1] - 2, c[i] + 2, c[i + 1] + 2);
                }
            }
        }
        if (r[0] > r[2]) {
            return null;
        }
        int x0 = (int) Math.floor((r[0] - originX) * zoom) - 2;
        int y0 = (int) Math.floor((r[1] - originY) * zoom) - 2;
        int x1 = (int) Math.ceil((r[2] - originX) * zoom) + 2;
        int y1 = (int) Math.ceil((r[3] - originY) * zoom) + 2;
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    private static void include(double[] r, double x0, double y0, double x1, double y1) {
        r[0] = Math.min(r[0], x0);
        r[1] = Math.min(r[1], y0);
        r[2] = Math.max(r[2], x1);
        r[3] = Math.max(r[3], y1);
    }

    /** Both rectangles' bounds; null (everything) when either is unknown. */
    private static Rectangle union(Rectangle a, Rectangle b) {
        return a == null || b == null ? null : a.union(b);
    }

    private static void drawCurve(GC gc, double x0, double y0, double x1, double y1) {
        double[] c = SceneGeometry.curve(x0, y0, x1, y1);
        Path path = new Path(gc.getDevice());
        path.moveTo((float) c[0], (float) c[1]);
        path.cubicTo((float) c[2], (float) c[3], (float) c[4], (float) c[5], (float) c[6], (float) c[7]);
        gc.drawPath(path);
        path.dispose();
    }

    private void drawNode(GC gc, Map<RGB, Color> colours, Box b, double dx, double dy) {
        int x = (int) Math.round(b.x() + dx);
        int y = (int) Math.round(b.y() + dy);
        int w = (int) b.width();
        int h = (int) b.height();
        String id = b.node().id();
        Optional<NodeStatuses.Status> status = statuses.get().of(id);
        boolean missing = b.descriptor().isEmpty();
        boolean selected = selection.nodes().contains(id);
        RGB fill = missing ? new RGB(255, 236, 236) : new RGB(248, 249, 252);
        RGB border = status.map(s -> s.state() == NodeState.FAILED ? new RGB(210, 40, 40) : null).orElse(null);
        if (border == null) {
            border = missing ? new RGB(210, 40, 40) : selected ? new RGB(40, 110, 230) : new RGB(150, 155, 165);
        }
        int line = selected || missing || status.map(s -> s.state() == NodeState.FAILED).orElse(false) ? 3 : 1;
        // The border is the box grown by the line width, filled in the border's colour, under the box
        // shrunk by it in the fill colour: the pixels a stroke of that width would cover, but cairo
        // strokes a rounded outline about ten times slower than it fills one (it was half the frame).
        int out = (line - 1) / 2;
        gc.setBackground(colour(colours, border));
        gc.fillRoundRectangle(x - out, y - out, w + 1 + 2 * out, h + 1 + 2 * out, 10 + 2 * out, 10 + 2 * out);
        int in = line - out;
        gc.setBackground(colour(colours, fill));
        gc.fillRoundRectangle(x + in, y + in, w + 1 - 2 * in, h + 1 - 2 * in, Math.max(2, 10 - 2 * in), Math.max(2, 10 - 2 * in));
        gc.setLineWidth(1);
        gc.setForeground(colour(colours, new RGB(20, 20, 20)));
        labels.draw(gc, bold, labels.clip(bold, id, w - 34), x + 8, y + 4);
        gc.setForeground(colour(colours, missing ? new RGB(180, 30, 30) : new RGB(90, 90, 100)));
        String type = b.descriptor().map(NodeDescriptor::name).orElseGet(() -> missingText(b.node().type()));
        labels.draw(gc, small, labels.clip(small, type, w - 16), x + 8, y + 20);
        drawBadge(gc, colours, status, x + w - 22, y + 6);
        for (Port p : b.inputs()) {
            drawPort(gc, colours, p, dx, dy, false);
        }
        for (Port p : b.outputs()) {
            drawPort(gc, colours, p, dx, dy, true);
        }
        // Progress strip at the bottom of the box.
        int barY = y + h - 9;
        gc.setBackground(colour(colours, new RGB(228, 230, 236)));
        gc.fillRectangle(x + 8, barY, w - 16, 4);
        if (status.isPresent()) {
            NodeStatuses.Status s = status.get();
            double f = s.state() == NodeState.FINISHED ? 1 : s.state() == NodeState.RUNNING ? s.fraction() : 0;
            gc.setBackground(colour(colours, s.state() == NodeState.FAILED ? new RGB(210, 40, 40) : new RGB(60, 170, 80)));
            gc.fillRectangle(x + 8, barY, (int) ((w - 16) * Math.max(0, Math.min(1, f))), 4);
            if (s.state() == NodeState.FAILED && !s.message().isEmpty()) {
                gc.setForeground(colour(colours, new RGB(190, 30, 30)));
                labels.draw(gc, small, labels.clip(small, s.message(), w + 60), x, y + h + 3);
            }
        }
    }

    private void drawPort(GC gc, Map<RGB, Color> colours, Port p, double dx, double dy, boolean output) {
        int px = (int) Math.round(p.x() + dx);
        int py = (int) Math.round(p.y() + dy);
        RGB rgb = PortColours.of(p.type());
        boolean dim = false;
        if (gesture == Gesture.CONNECT && connectFrom != null && !output) {
            dim = !accepts(p);
        }
        if (dim) {
            rgb = new RGB((rgb.red + 3 * 235) / 4, (rgb.green + 3 * 235) / 4, (rgb.blue + 3 * 235) / 4);
        }
        gc.setBackground(colour(colours, rgb));
        gc.fillOval(px - 5, py - 5, 10, 10);
        gc.setForeground(colour(colours, dim ? new RGB(190, 190, 190) : new RGB(60, 60, 70)));
        Rectangle size = labels.bounds(small, p.name());
        labels.draw(gc, small, p.name(), output ? px - 9 - size.width : px + 9, py - size.height / 2);
    }

    private void drawBadge(GC gc, Map<RGB, Color> colours, Optional<NodeStatuses.Status> status, int x, int y) {
        if (status.isEmpty()) {
            return;
        }
        NodeStatuses.Status s = status.get();
        RGB rgb = switch (s.state()) {
            case QUEUED -> new RGB(180, 180, 180);
            case RUNNING -> new RGB(240, 180, 30);
            case FINISHED -> s.cached() ? new RGB(80, 140, 220) : new RGB(60, 170, 80);
            case FAILED -> new RGB(210, 40, 40);
            case SKIPPED, CANCELLED -> new RGB(130, 130, 130);
        };
        gc.setBackground(colour(colours, rgb));
        gc.fillOval(x, y, 14, 14);
        String letter = switch (s.state()) {
            case QUEUED -> "…";
            case RUNNING -> "▶";
            case FINISHED -> s.cached() ? "C" : "✓";
            case FAILED -> "!";
            case SKIPPED -> "–";
            case CANCELLED -> "×";
        };
        gc.setForeground(colour(colours, new RGB(255, 255, 255)));
        Rectangle size = labels.bounds(small, letter);
        labels.draw(gc, small, letter, x + 7 - size.width / 2, y + 7 - size.height / 2);
    }

    private Color colour(Map<RGB, Color> cache, RGB rgb) {
        return cache.computeIfAbsent(rgb, c -> new Color(canvas.getDisplay(), c));
    }

    /** The canvas's own list of node states, drawn as badges (a copy, for tests). */
    public List<String> drawnStates() {
        List<String> out = new ArrayList<>();
        statuses.get().all().forEach((k, v) -> out.add(k + "=" + v.state()));
        return out;
    }
}
