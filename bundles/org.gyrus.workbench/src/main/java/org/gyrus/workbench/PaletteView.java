package org.gyrus.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.workbench.canvas.QuickAdd;

/**
 * The node palette: every installed node type in a tree by category, filtered as you type, with
 * the selected node's documentation below. Fed live by the registry, so installing or removing a
 * plug-in while the workbench runs updates it. Drag a node onto the canvas, or double-click it
 * (or press Enter) to add it in the middle of the canvas.
 */
public final class PaletteView {

    private final WorkbenchSession session;
    private final Text search;
    private final Tree tree;
    private final Text documentation;
    private java.util.function.Consumer<String> add = id -> { };

    /** Builds the palette in {@code parent}. */
    public PaletteView(Composite parent, WorkbenchSession session) {
        this.session = session;
        Composite box = new Composite(parent, SWT.NONE);
        box.setLayout(new GridLayout(1, false));
        search = new Text(box, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        search.setMessage("Search nodes");
        search.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        SashForm split = new SashForm(box, SWT.VERTICAL);
        split.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        tree = new Tree(split, SWT.SINGLE | SWT.V_SCROLL);
        documentation = new Text(split, SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
        split.setWeights(65, 35);
        search.addListener(SWT.Modify, e -> refresh());
        search.addListener(SWT.DefaultSelection, e -> {
            // Enter in the search field adds the first match, like the quick-add box.
            firstLeaf(tree.getItems()).ifPresent(i -> add.accept((String) i.getData()));
        });
        tree.addListener(SWT.Selection, e -> showDocumentation());
        tree.addListener(SWT.DefaultSelection, e -> {
            TreeItem[] sel = tree.getSelection();
            if (sel.length == 1 && sel[0].getData() instanceof String id) {
                add.accept(id);
            }
        });
        DragSource drag = new DragSource(tree, DND.DROP_COPY | DND.DROP_MOVE);
        drag.setTransfer(new Transfer[] {TextTransfer.getInstance()});
        drag.addDragListener(new DragSourceAdapter() {
            @Override
            public void dragStart(DragSourceEvent event) {
                TreeItem[] sel = tree.getSelection();
                event.doit = sel.length == 1 && sel[0].getData() instanceof String;
            }

            @Override
            public void dragSetData(DragSourceEvent event) {
                event.data = tree.getSelection()[0].getData();
            }
        });
        session.onRegistryChange(this::refresh);
        refresh();
    }

    /** What adds a node type (by id) to the canvas on double-click or Enter. */
    public void onAdd(java.util.function.Consumer<String> c) {
        add = c;
    }

    /** The search field. */
    public Text search() {
        return search;
    }

    /** The tree of node types (leaves hold the type id as data). */
    public Tree tree() {
        return tree;
    }

    /** The documentation of the selected node type. */
    public Text documentation() {
        return documentation;
    }

    /** Rebuilds the tree from the registry and the search text. */
    public void refresh() {
        if (tree.isDisposed()) {
            return;
        }
        String q = search.getText().trim().toLowerCase(Locale.ROOT);
        Map<String, List<NodeDescriptor>> byCategory = new LinkedHashMap<>();
        for (NodeDescriptor d : session.installed()) {
            String hay = (d.name() + " " + d.id() + " " + String.join(" ", d.category()) + " " + d.documentation())
                    .toLowerCase(Locale.ROOT);
            if (q.isEmpty() || QuickAdd.matches(hay, q)) {
                String cat = d.category().isEmpty() ? "Other" : String.join(" / ", d.category());
                byCategory.computeIfAbsent(cat, k -> new ArrayList<>()).add(d);
            }
        }
        tree.setRedraw(false);
        tree.removeAll();
        byCategory.keySet().stream().sorted().forEach(cat -> {
            TreeItem c = new TreeItem(tree, SWT.NONE);
            c.setText(cat);
            for (NodeDescriptor d : byCategory.get(cat)) {
                TreeItem leaf = new TreeItem(c, SWT.NONE);
                leaf.setText(d.name());
                leaf.setData(d.id());
            }
            c.setExpanded(true);
        });
        tree.setRedraw(true);
    }

    private void showDocumentation() {
        TreeItem[] sel = tree.getSelection();
        if (sel.length == 1 && sel[0].getData() instanceof String id) {
            documentation.setText(session.registry().find(id).map(r -> {
                NodeDescriptor d = r.descriptor();
                StringBuilder b = new StringBuilder(d.name()).append("\n").append(d.id()).append(' ').append(d.version())
                        .append(" — ").append(r.bundle()).append("\n\n").append(d.documentation());
                if (!d.inputs().isEmpty()) {
                    b.append("\n\nInputs:");
                    d.inputs().forEach(p -> b.append("\n  ").append(p.name()).append(" (").append(p.type().getSimpleName())
                            .append(p.required() ? "" : ", optional").append("): ").append(p.description()));
                }
                if (!d.outputs().isEmpty()) {
                    b.append("\n\nOutputs:");
                    d.outputs().forEach(p -> b.append("\n  ").append(p.name()).append(" (").append(p.type().getSimpleName())
                            .append("): ").append(p.description()));
                }
                return b.toString();
            }).orElse(""));
        } else {
            documentation.setText("");
        }
    }

    private static Optional<TreeItem> firstLeaf(TreeItem[] items) {
        for (TreeItem i : items) {
            if (i.getData() instanceof String) {
                return Optional.of(i);
            }
            Optional<TreeItem> inner = firstLeaf(i.getItems());
            if (inner.isPresent()) {
                return inner;
            }
        }
        return Optional.empty();
    }
}
