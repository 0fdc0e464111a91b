package org.gyrus.workbench;

import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;

/**
 * The workbench's content, KNIME's arrangement: the node palette on the left, the canvas in the
 * middle with problems and console below it, the parameter sheet on the right. The e4 part and
 * the UI tests build exactly this.
 */
public final class WorkbenchWindow {

    private final PaletteView palette;
    private final EditorView editor;
    private final ParameterSheet sheet;
    private final ProblemsView problems;
    private final ConsoleView console;
    private final CTabFolder bottom;

    /** Builds every view in {@code parent} on {@code session}. */
    public WorkbenchWindow(Composite parent, WorkbenchSession session) {
        parent.setLayout(new FillLayout());
        SashForm across = new SashForm(parent, SWT.HORIZONTAL);
        palette = new PaletteView(across, session);
        SashForm middle = new SashForm(across, SWT.VERTICAL);
        editor = new EditorView(middle, session);
        bottom = new CTabFolder(middle, SWT.BORDER);
        CTabItem problemsTab = new CTabItem(bottom, SWT.NONE);
        problemsTab.setText("Problems");
        problems = new ProblemsView(bottom, session);
        problemsTab.setControl(problems.table());
        CTabItem consoleTab = new CTabItem(bottom, SWT.NONE);
        consoleTab.setText("Console");
        console = new ConsoleView(bottom, session);
        consoleTab.setControl(console.text());
        bottom.setSelection(problemsTab);
        middle.setWeights(75, 25);
        Composite right = new Composite(across, SWT.NONE);
        right.setLayout(new FillLayout());
        sheet = new ParameterSheet(right, session);
        across.setWeights(18, 60, 22);

        palette.onAdd(id -> editor.canvas().addNodeAtCentre(id));
        problems.onReveal((node, field) -> {
            session.selection().set(Set.of(node));
            if (field != null) {
                // The validator names parameters as "parameters.NAME".
                sheet.focus(field.startsWith("parameters.") ? field.substring("parameters.".length()) : field);
            }
        });
        session.runs().addListener(new PipelineRuns.Listener() {
            @Override
            public void ended(java.util.Optional<org.gyrus.pipeline.RunResult> result) {
                // A failure is explained in the console: bring it forward.
                if (result.map(r -> !r.succeeded()).orElse(true) && !bottom.isDisposed()) {
                    bottom.setSelection(consoleTab);
                }
            }
        });
    }

    /** The palette. */
    public PaletteView palette() {
        return palette;
    }

    /** The editor (tool bar, canvas, status line). */
    public EditorView editor() {
        return editor;
    }

    /** The parameter sheet. */
    public ParameterSheet sheet() {
        return sheet;
    }

    /** The problems view. */
    public ProblemsView problems() {
        return problems;
    }

    /** The console. */
    public ConsoleView console() {
        return console;
    }
}
