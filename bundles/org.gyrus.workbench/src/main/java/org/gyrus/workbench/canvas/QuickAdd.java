package org.gyrus.workbench.canvas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.gyrus.pipeline.NodeDescriptor;

/**
 * The quick-add box: type a few letters of a node's name, id or category, Enter adds the first
 * match (or the one chosen with the arrow keys), Escape closes it.
 */
public final class QuickAdd {

    private final Shell shell;
    private final Text text;
    private final org.eclipse.swt.widgets.List list;
    private final List<NodeDescriptor> types;
    private final List<NodeDescriptor> shown = new ArrayList<>();
    private final Consumer<String> add;

    private QuickAdd(Control owner, List<NodeDescriptor> types, String typed, Consumer<String> add) {
        this.types = types.stream().sorted(Comparator.comparing(NodeDescriptor::name)).toList();
        this.add = add;
        shell = new Shell(owner.getShell(), SWT.TOOL | SWT.ON_TOP | SWT.RESIZE);
        shell.setText("Add node");
        shell.setLayout(new GridLayout(1, false));
        text = new Text(shell, SWT.SEARCH | SWT.ICON_SEARCH);
        text.setMessage("Type to search nodes, Enter to add");
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        list = new org.eclipse.swt.widgets.List(shell, SWT.SINGLE | SWT.V_SCROLL);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.heightHint = 200;
        gd.widthHint = 320;
        list.setLayoutData(gd);
        text.addListener(SWT.Modify, e -> filter());
        text.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ARROW_DOWN || e.keyCode == SWT.ARROW_UP) {
                int i = Math.max(0, list.getSelectionIndex() + (e.keyCode == SWT.ARROW_DOWN ? 1 : -1));
                if (i < list.getItemCount()) {
                    list.select(i);
                }
                e.doit = false;
            } else if (e.keyCode == SWT.ESC) {
                shell.dispose();
            }
        });
        text.addListener(SWT.DefaultSelection, e -> choose());
        list.addListener(SWT.DefaultSelection, e -> choose());
        shell.addListener(SWT.Deactivate, e -> shell.getDisplay().asyncExec(() -> {
            if (!shell.isDisposed()) {
                shell.dispose();
            }
        }));
        text.setText(typed);
        text.setSelection(typed.length());
        filter();
        shell.pack();
        Point at = owner.toDisplay(owner.getSize().x / 2 - 160, 40);
        shell.setLocation(at);
        shell.open();
        text.setFocus();
    }

    /** Opens the box over {@code owner}; {@code add} receives the chosen node type id. */
    public static QuickAdd open(Control owner, List<NodeDescriptor> types, String typed, Consumer<String> add) {
        return new QuickAdd(owner, types, typed, add);
    }

    /** The search field. */
    public Text text() {
        return text;
    }

    /** The matching node types, as listed. */
    public org.eclipse.swt.widgets.List list() {
        return list;
    }

    /** Whether it is still open. */
    public boolean isOpen() {
        return !shell.isDisposed();
    }

    private void filter() {
        String q = text.getText().trim().toLowerCase(Locale.ROOT);
        shown.clear();
        list.removeAll();
        for (NodeDescriptor d : types) {
            String hay = (d.name() + " " + d.id() + " " + String.join(" ", d.category())).toLowerCase(Locale.ROOT);
            if (q.isEmpty() || matches(hay, q)) {
                shown.add(d);
                list.add(d.name() + "  —  " + String.join(" / ", d.category()));
            }
        }
        if (!shown.isEmpty()) {
            list.select(0);
        }
    }

    /** Every word of the query appears in the text (the palette's search uses the same rule). */
    public static boolean matches(String hay, String query) {
        for (String w : query.split("\\s+")) {
            if (!hay.contains(w)) {
                return false;
            }
        }
        return true;
    }

    private void choose() {
        int i = list.getSelectionIndex();
        if (i >= 0 && i < shown.size()) {
            String id = shown.get(i).id();
            shell.dispose();
            add.accept(id);
        }
    }
}
