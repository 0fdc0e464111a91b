package org.gyrus.workbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.MessageBox;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.PortDescriptor;
import org.gyrus.pipeline.ProgressEvent;
import org.gyrus.pipeline.RunResult;
import org.gyrus.workbench.batch.BatchView;
import org.gyrus.workbench.batch.OriginDrop;
import org.gyrus.workbench.canvas.PipelineCanvas;

/**
 * The editor: a tool bar (file, edit, run), the pipeline canvas and a status line. It wires the
 * canvas to the session: runs redraw the node states, a double-click on a finished port opens a
 * viewer, hovering a port shows its value's summary. Shortcuts that work anywhere in the window:
 * Ctrl+N, Ctrl+O, Ctrl+S, Ctrl+Shift+S, F5 (run), Shift+F5 (run to the selected node), Ctrl+F5 (cancel).
 */
public final class EditorView {

    /** Answers a yes/no/cancel question; the window asks with a message box, tests answer directly. */
    public interface Prompt {
        /** @return SWT.YES, SWT.NO or SWT.CANCEL */
        int ask(String title, String question, boolean withCancel);
    }

    private final WorkbenchSession session;
    private final Composite box;
    private final PipelineCanvas canvas;
    private final Label status;
    private final ToolBar toolbar;
    private Prompt prompt;
    private boolean redrawPending;

    /** Builds the editor in {@code parent}. */
    public EditorView(Composite parent, WorkbenchSession session) {
        this.session = session;
        box = new Composite(parent, SWT.NONE);
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 0;
        gl.marginHeight = 0;
        gl.verticalSpacing = 2;
        box.setLayout(gl);
        toolbar = new ToolBar(box, SWT.FLAT | SWT.RIGHT | SWT.WRAP);
        toolbar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        canvas = new PipelineCanvas(box, session.document(), session.selection(), session::type, session::installed,
                () -> session.runs().statuses());
        canvas.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        status = new Label(box, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        prompt = (title, question, withCancel) -> {
            MessageBox m = new MessageBox(box.getShell(), SWT.ICON_QUESTION | SWT.YES | SWT.NO | (withCancel ? SWT.CANCEL : 0));
            m.setText(title);
            m.setMessage(question);
            return m.open();
        };

        button("New", "New pipeline (Ctrl+N)", this::newPipeline);
        button("Open…", "Open a pipeline file (Ctrl+O)", this::open);
        button("Save", "Save (Ctrl+S)", this::save);
        button("Save As…", "Save as another file (Ctrl+Shift+S)", this::saveAs);
        button("Demo", "Load the demo pipeline", () -> {
            if (confirmDiscard()) {
                session.loadExample("demo");
                canvas.fit();
            }
        });
        new ToolItem(toolbar, SWT.SEPARATOR);
        button("Undo", "Undo (Ctrl+Z)", () -> session.document().undo());
        button("Redo", "Redo (Ctrl+Y)", () -> session.document().redo());
        button("Layout", "Arrange the graph in layers (Ctrl+L)", canvas::layout);
        button("Fit", "Zoom to fit (Ctrl+0)", canvas::fit);
        new ToolItem(toolbar, SWT.SEPARATOR);
        button("Run", "Run the whole pipeline (F5)", this::runAll);
        button("Run to here", "Run the selected node and what it needs (Shift+F5)", this::runToSelected);
        button("Cancel", "Cancel the run (Ctrl+F5)", () -> session.runs().cancel());
        button("Batch…", "Run the pipeline over a subjects table or BIDS dataset", this::openBatch);

        canvas.onMessage(m -> {
            if (!status.isDisposed()) {
                status.setText(m);
            }
        });
        canvas.onOpen(this::openViewer);
        // A result dropped on the canvas opens the pipeline that made it, with that run's values.
        canvas.onFilesDropped(paths -> OriginDrop.dropped(paths, OriginDrop.finder(), origin -> {
            if (confirmDiscard()) {
                session.openOrigin(origin);
                canvas.fit();
                status.setText("Opened the pipeline that made " + origin.source());
            }
        }, problem -> {
            status.setText(problem);
            session.log(problem);
        }));
        canvas.portSummary((node, port) -> session.runs().value(node, port).map(ValueWindow::summary).orElse(""));
        session.document().addListener(d -> updateTitle());
        // Node types came or went: nodes of a missing type may now be installed, or the reverse.
        session.onRegistryChange(canvas::refresh);
        session.runs().addListener(new PipelineRuns.Listener() {
            @Override
            public void event(ProgressEvent e) {
                scheduleRedraw();
            }

            @Override
            public void ended(Optional<RunResult> result) {
                if (status.isDisposed()) {
                    return;
                }
                canvas.redraw();
                result.ifPresent(r -> status.setText(r.succeeded() ? "Run finished." : r.cancelled() ? "Run cancelled."
                        : "Run ended with " + r.failures().size() + " failed node(s): " + r.failures().get(0).node()
                                + ": " + r.failures().get(0).reason()));
                updateTitle();
            }
        });
        Listener keys = this::globalKey;
        Display display = box.getDisplay();
        display.addFilter(SWT.KeyDown, keys);
        box.addDisposeListener(e -> display.removeFilter(SWT.KeyDown, keys));
        // Autosave unsaved work every few seconds, against a crash.
        Runnable[] autosave = new Runnable[1];
        autosave[0] = () -> {
            if (box.isDisposed()) {
                return;
            }
            try {
                session.autosave().save(session.document());
            } catch (IOException e) {
                status.setText("Autosave failed: " + e.getMessage());
            }
            display.timerExec(5000, autosave[0]);
        };
        display.timerExec(5000, autosave[0]);
        updateTitle();
    }

    private ToolItem button(String text, String tip, Runnable action) {
        ToolItem item = new ToolItem(toolbar, SWT.PUSH);
        item.setText(text);
        item.setToolTipText(tip);
        item.addListener(SWT.Selection, e -> action.run());
        return item;
    }

    /** The canvas. */
    public PipelineCanvas canvas() {
        return canvas;
    }

    /** The tool bar item labelled {@code text} (tests press them). */
    public ToolItem toolItem(String text) {
        for (ToolItem i : toolbar.getItems()) {
            if (text.equals(i.getText())) {
                return i;
            }
        }
        throw new IllegalArgumentException("No tool bar item " + text);
    }

    /** The status line. */
    public Label status() {
        return status;
    }

    /** Replaces the yes/no/cancel prompt (tests). */
    public void prompt(Prompt p) {
        prompt = p;
    }

    private void scheduleRedraw() {
        // Progress events can come by the hundred per second: redraw at most every 50 ms.
        if (!redrawPending && !box.isDisposed()) {
            redrawPending = true;
            box.getDisplay().timerExec(50, () -> {
                redrawPending = false;
                canvas.redraw();
            });
        }
    }

    private void updateTitle() {
        if (box.isDisposed()) {
            return;
        }
        String name = session.document().file().map(f -> f.getFileName().toString()).orElse(session.document().pipeline().name());
        box.getShell().setText((session.document().isDirty() ? "*" : "") + name + " — Gyrus");
    }

    private void globalKey(Event e) {
        if (!(e.widget instanceof org.eclipse.swt.widgets.Control c) || c.isDisposed() || c.getShell() != box.getShell()) {
            return;
        }
        boolean mod = (e.stateMask & SWT.MOD1) != 0;
        boolean shift = (e.stateMask & SWT.SHIFT) != 0;
        int k = Character.toLowerCase(e.keyCode);
        Runnable action = null;
        if (mod && k == 's') {
            action = shift ? this::saveAs : this::save;
        } else if (mod && k == 'o') {
            action = this::open;
        } else if (mod && k == 'n') {
            action = this::newPipeline;
        } else if (e.keyCode == SWT.F5) {
            action = mod ? () -> session.runs().cancel() : shift ? this::runToSelected : this::runAll;
        }
        if (action != null) {
            e.doit = false;
            action.run();
        }
    }

    // ----- actions ----------------------------------------------------------------------------

    /** Runs the whole pipeline. */
    public void runAll() {
        if (session.runAll()) {
            status.setText("Running…");
        } else {
            status.setText("The pipeline cannot run: see the console and the problems.");
        }
        canvas.redraw();
    }

    /** Runs the selected node and its upstream. */
    public void runToSelected() {
        Optional<String> node = session.selection().single();
        if (node.isEmpty()) {
            status.setText("Select one node to run up to it.");
            return;
        }
        if (session.runTo(node.get())) {
            status.setText("Running up to " + node.get() + "…");
        }
        canvas.redraw();
    }

    /** Opens a viewer on a finished node's output port. */
    public void openViewer(String node, String port) {
        if (port == null) {
            status.setText("'" + node + "' has no outputs to show.");
            return;
        }
        Optional<Object> value = session.runs().value(node, port);
        if (value.isEmpty()) {
            boolean failed = session.runs().statuses().of(node).map(s -> s.state() == NodeState.FAILED).orElse(false);
            status.setText(failed ? "'" + node + "' failed: " + session.runs().statuses().of(node).get().message()
                    : "Run '" + node + "' first to see its output '" + port + "'.");
            return;
        }
        try {
            String name = node + "." + port;
            ValueWindow.open(box.getShell(), name, value.get(), () -> volumeOutputs(name));
        } catch (RuntimeException e) {
            status.setText("The viewer failed: " + e.getMessage());
        }
    }

    /**
     * The volumes of the last run a volume viewer may overlay, by name: {@code node.port} for a
     * volume output other than the one {@code shown}, {@code node.port / subject} for every volume
     * of a set (the shown set's too: another subject on the same grid). The values are read when
     * one is picked.
     */
    private Map<String, Supplier<Volume>> volumeOutputs(String shown) {
        Map<String, Supplier<Volume>> out = new LinkedHashMap<>();
        Optional<RunResult> last = session.runs().last();
        if (last.isEmpty()) {
            return out;
        }
        for (NodeOutcome o : last.get().nodes()) {
            if (o.state() != NodeState.FINISHED) {
                continue;
            }
            for (PortDescriptor p : o.type().descriptor().outputs()) {
                String name = o.node() + "." + p.name();
                if (Volume.class.isAssignableFrom(p.type()) && !name.equals(shown)) {
                    out.put(name, () -> (Volume) session.runs().value(o.node(), p.name())
                            .orElseThrow(() -> new IllegalArgumentException("the run no longer holds " + name)));
                } else if (VolumeSet.class.isAssignableFrom(p.type())
                        && session.runs().value(o.node(), p.name()).orElse(null) instanceof VolumeSet set) {
                    for (String id : set.ids()) {
                        out.put(name + " / " + id, () -> set.get(id));
                    }
                }
            }
        }
        return out;
    }

    /** Opens the batch view on the pipeline as it stands, in a window of its own. */
    public BatchView openBatch() {
        Shell shell = new Shell(box.getShell(), SWT.SHELL_TRIM);
        shell.setText("Batch — " + session.document().file().map(f -> f.getFileName().toString())
                .orElse(session.document().pipeline().name()));
        shell.setLayout(new org.eclipse.swt.layout.FillLayout());
        BatchView view = new BatchView(shell, session.registry(), session.cache(), session.document().pipeline(),
                session.document().file().orElse(null), session.threads());
        shell.setSize(1000, 600);
        shell.addListener(SWT.Close, e -> view.cancel());
        shell.open();
        return view;
    }

    private void newPipeline() {
        if (confirmDiscard()) {
            session.newPipeline();
            canvas.fit();
        }
    }

    private void open() {
        if (!confirmDiscard()) {
            return;
        }
        FileDialog d = new FileDialog(box.getShell(), SWT.OPEN);
        d.setFilterExtensions(new String[] {"*.gyrus.json", "*.json", "*"});
        String chosen = d.open();
        if (chosen != null) {
            openFile(Path.of(chosen));
        }
    }

    /** Opens {@code file}; a file that cannot be read leaves the editor as it was and says why. */
    public boolean openFile(Path file) {
        boolean ok = session.open(file);
        status.setText(ok ? "Opened " + file : "Cannot open " + file.getFileName() + ": see the problems view.");
        if (ok) {
            canvas.fit();
        }
        return ok;
    }

    /** Saves to the document's file, asking for one if it has none. @return whether it was saved */
    public boolean save() {
        Optional<Path> file = session.document().file();
        return file.isPresent() ? saveTo(file.get()) : saveAs();
    }

    /** Asks for a file and saves there. @return whether it was saved */
    public boolean saveAs() {
        FileDialog d = new FileDialog(box.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] {"*.gyrus.json"});
        d.setOverwrite(true);
        d.setFileName(session.document().pipeline().name() + ".gyrus.json");
        String chosen = d.open();
        if (chosen == null) {
            return false;
        }
        String name = chosen.endsWith(".json") ? chosen : chosen + ".gyrus.json";
        return saveTo(Path.of(name));
    }

    /** Saves to {@code file}. @return whether it was saved */
    public boolean saveTo(Path file) {
        try {
            session.saveAs(file);
            status.setText("Saved " + file);
            updateTitle();
            return true;
        } catch (IOException | RuntimeException e) {
            status.setText("Could not save " + file + ": " + e.getMessage());
            session.log("Could not save " + file + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * If there are unsaved changes, asks whether to save them. @return whether the caller may go on
     * (saved, or the user chose not to save); false if the user cancelled or the save failed
     */
    public boolean confirmDiscard() {
        if (!session.document().isDirty()) {
            return true;
        }
        String name = session.document().file().map(f -> f.getFileName().toString()).orElse(session.document().pipeline().name());
        int answer = prompt.ask("Unsaved changes", "Save the changes to " + name + "?", true);
        if (answer == SWT.YES) {
            return save();
        }
        if (answer == SWT.NO) {
            session.autosave().discard();
            return true;
        }
        return false;
    }

    /** Offers back work that a crashed workbench left unsaved. */
    public void offerRecovery() {
        for (Autosave.Recovered r : session.autosave().leftBehind()) {
            String from = r.source().map(Path::toString).orElse("an unsaved pipeline");
            int answer = prompt.ask("Recover unsaved work", "A Gyrus workbench ended without saving its changes to " + from
                    + " (" + r.pipeline().nodes().size() + " nodes). Recover them?", false);
            if (answer == SWT.YES) {
                session.document().restore(r.pipeline(), r.source().orElse(null));
                session.autosave().forget(r);
                canvas.fit();
                return;
            }
            session.autosave().forget(r);
        }
    }

    /** The shell of the editor. */
    public Shell shell() {
        return box.getShell();
    }
}
