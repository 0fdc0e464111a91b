package org.gyrus.workbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineValidator;
import org.gyrus.pipeline.ValidationError;

/**
 * The problems view: what the validator (including the nodes' spec steps) finds in the pipeline,
 * live while editing. Validation runs on its own thread a moment after the last edit (debounced),
 * so typing never waits for it; each problem names its node and field, and a double-click selects
 * the node and puts the cursor in the field.
 */
public final class ProblemsView {

    /** How long after the last edit validation starts. */
    static final int DEBOUNCE_MS = 300;

    private final WorkbenchSession session;
    private final Table table;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gyrus-workbench-validation");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong generation = new AtomicLong();
    private final Runnable debounced = this::validateNow;
    private List<ValidationError> shown = List.of();
    private BiConsumer<String, String> reveal = (node, field) -> { };

    /** Builds the view in {@code parent}. */
    public ProblemsView(Composite parent, WorkbenchSession session) {
        this.session = session;
        table = new Table(parent, SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL);
        table.setHeaderVisible(true);
        String[] heads = {"Node", "Field", "Problem"};
        int[] widths = {120, 110, 600};
        for (int i = 0; i < heads.length; i++) {
            TableColumn c = new TableColumn(table, SWT.NONE);
            c.setText(heads[i]);
            c.setWidth(widths[i]);
        }
        table.addListener(SWT.DefaultSelection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0 && i < shown.size()) {
                ValidationError v = shown.get(i);
                if (v.node() != null && session.document().pipeline().node(v.node()).isPresent()) {
                    session.selection().set(Set.of(v.node()));
                    reveal.accept(v.node(), v.field());
                }
            }
        });
        session.document().addListener(d -> schedule());
        session.onRegistryChange(this::schedule);
        session.onOpenProblems(p -> schedule());
        table.addDisposeListener(e -> worker.shutdownNow());
        schedule();
    }

    /** What a double-click does once the node is selected: focus its field in the parameter sheet. */
    public void onReveal(BiConsumer<String, String> r) {
        reveal = r;
    }

    /** The table of problems. */
    public Table table() {
        return table;
    }

    /** The problems shown now. */
    public List<ValidationError> problems() {
        return shown;
    }

    /** Validates again after {@link #DEBOUNCE_MS} without edits. */
    public void schedule() {
        if (!table.isDisposed()) {
            table.getDisplay().timerExec(-1, debounced);
            table.getDisplay().timerExec(DEBOUNCE_MS, debounced);
        }
    }

    private void validateNow() {
        if (table.isDisposed()) {
            return;
        }
        long gen = generation.incrementAndGet();
        Pipeline p = session.document().pipeline();
        List<ValidationError> fromFile = session.openProblems();
        worker.execute(() -> {
            List<ValidationError> found = new ArrayList<>(fromFile);
            try {
                found.addAll(new PipelineValidator(session.registry()).validate(p, Map.of()));
            } catch (RuntimeException e) {
                found.add(new ValidationError(null, null, "The validator failed: " + e));
            }
            session.ui(() -> {
                if (gen == generation.get()) {
                    show(found);
                }
            });
        });
    }

    private void show(List<ValidationError> problems) {
        if (table.isDisposed()) {
            return;
        }
        shown = List.copyOf(problems);
        table.removeAll();
        for (ValidationError v : shown) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {v.node() == null ? "" : v.node(), v.field() == null ? "" : v.field(), v.message()});
        }
    }
}
