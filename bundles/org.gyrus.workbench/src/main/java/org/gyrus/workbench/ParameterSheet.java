package org.gyrus.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.gyrus.data.DataSpec;
import org.gyrus.data.TableSpec;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.ParameterDescriptor;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.Pipeline.Edge;
import org.gyrus.pipeline.Pipeline.Node;
import org.gyrus.pipeline.Pipeline.Variable;
import org.gyrus.pipeline.Pipeline.VariableType;
import org.gyrus.pipeline.PipelineValidator;
import org.gyrus.pipeline.PortDescriptor;
import org.gyrus.workbench.editor.PipelineEdits;

/**
 * The parameter sheet, generated from the selected node's descriptor: a spinner (with min, max and
 * step) for whole numbers and for decimals with both bounds, a drop-down for choices and enums,
 * a checkbox for true/false, a field with a chooser for files and folders, a {@link ListEditor}
 * for number lists, a text field for the rest. Defaults are shown in grey; right-click a label to reset it or to bind it to a
 * pipeline variable (a field may also hold {@code ${name}} typed by hand). Parameters that name
 * columns offer the columns that will arrive at the node: from a finished run upstream, else
 * from the engine's spec step. With no node selected it edits the pipeline's variables.
 */
public final class ParameterSheet {

    private static final Pattern VARIABLE = Pattern.compile(".*\\$\\{[A-Za-z_][A-Za-z0-9_]*\\}.*", Pattern.DOTALL);

    private final WorkbenchSession session;
    private final ScrolledComposite scroll;
    private Composite body;
    private final Map<String, Control> fields = new HashMap<>();
    private String shownNode;
    private Map<String, Object> shownParameters;
    private List<Variable> shownVariables;
    private List<Edge> shownInputs;
    private boolean applying;
    private Table variablesTable;
    private PathChooser chooser = ParameterSheet::dialog;

    /** Asks for a path: the sheet opens the platform's file or folder dialog; tests answer directly. */
    public interface PathChooser {
        /** What a path parameter's style asks for. */
        enum Kind { OPEN, SAVE, FOLDER }

        /** @return the chosen path, or null if the user cancelled; {@code current} is the field's text */
        String choose(Shell shell, Kind kind, String current);
    }

    /** Builds the sheet in {@code parent}. */
    public ParameterSheet(Composite parent, WorkbenchSession session) {
        this.session = session;
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        session.selection().addListener(s -> rebuild());
        session.document().addListener(d -> {
            if (!applying && !scroll.isDisposed() && needsRebuild()) {
                rebuild();
            }
        });
        session.runs().addListener(new PipelineRuns.Listener() {
            @Override
            public void ended(Optional<org.gyrus.pipeline.RunResult> result) {
                // Column suggestions may now come from the run's tables.
                if (shownNode != null) {
                    rebuild();
                }
            }
        });
        rebuild();
    }

    /** Replaces how a path field's "…" button asks for a path (tests). */
    public void chooser(PathChooser c) {
        chooser = c;
    }

    /** The platform's dialogs, opened where the field's current path is. */
    private static String dialog(Shell shell, PathChooser.Kind kind, String current) {
        Path at = current.isEmpty() || current.contains("${") ? null : Path.of(current).toAbsolutePath();
        if (kind == PathChooser.Kind.FOLDER) {
            DirectoryDialog dd = new DirectoryDialog(shell);
            if (at != null) {
                dd.setFilterPath(at.toString());
            }
            return dd.open();
        }
        FileDialog fd = new FileDialog(shell, kind == PathChooser.Kind.SAVE ? SWT.SAVE : SWT.OPEN);
        if (at != null && at.getParent() != null) {
            fd.setFilterPath(at.getParent().toString());
            fd.setFileName(at.getFileName().toString());
        }
        fd.setOverwrite(kind == PathChooser.Kind.SAVE);
        return fd.open();
    }

    /** The control of parameter {@code name} of the shown node (tests and the problems view use it). */
    public Optional<Control> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The node whose parameters are shown, if any. */
    public Optional<String> shownNode() {
        return Optional.ofNullable(shownNode);
    }

    /** The variables table (no node selected). */
    public Optional<Table> variablesTable() {
        return Optional.ofNullable(variablesTable);
    }

    /** Gives the keyboard focus to parameter {@code name} of the shown node. */
    public void focus(String name) {
        Control c = fields.get(name);
        if (c != null && !c.isDisposed()) {
            c.setFocus();
            scroll.showControl(c);
        }
    }

    private boolean needsRebuild() {
        Pipeline p = session.document().pipeline();
        if (shownNode == null) {
            return !p.variables().equals(shownVariables);
        }
        Optional<Node> n = p.node(shownNode);
        return n.isEmpty() || !n.get().parameters().equals(shownParameters) || !p.variables().equals(shownVariables)
                || !inputsOf(p, shownNode).equals(shownInputs);
    }

    /** The edges into {@code node}: when they change, so do the columns a parameter may name. */
    private static List<Edge> inputsOf(Pipeline p, String node) {
        return p.edges().stream().filter(e -> e.toNode().equals(node)).toList();
    }

    /** Rebuilds the widgets for the current selection. */
    public void rebuild() {
        if (scroll.isDisposed()) {
            return;
        }
        if (body != null) {
            body.dispose();
        }
        fields.clear();
        variablesTable = null;
        body = new Composite(scroll, SWT.NONE);
        body.setLayout(new GridLayout(3, false));
        Pipeline p = session.document().pipeline();
        shownVariables = p.variables();
        Optional<Node> node = session.selection().single().flatMap(p::node);
        shownNode = node.map(Node::id).orElse(null);
        shownParameters = node.map(Node::parameters).orElse(null);
        shownInputs = shownNode == null ? List.of() : inputsOf(p, shownNode);
        if (node.isEmpty()) {
            buildVariables(p);
        } else {
            buildNode(p, node.get());
        }
        scroll.setContent(body);
        scroll.setMinSize(body.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        body.layout(true, true);
    }

    private void title(String text) {
        Label l = new Label(body, SWT.WRAP);
        l.setText(text);
        l.setFont(org.eclipse.jface.resource.JFaceResources.getBannerFont());
        l.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
    }

    private void buildNode(Pipeline p, Node node) {
        Optional<NodeDescriptor> type = session.type(node.type());
        title(node.id());
        Label sub = new Label(body, SWT.WRAP);
        sub.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        if (type.isEmpty()) {
            int dot = node.type().lastIndexOf('.');
            sub.setText("The node type " + node.type() + " " + node.version() + " is not installed"
                    + (dot > 0 ? "; install the plug-in " + node.type().substring(0, dot) + " to run it." : "."));
            return;
        }
        sub.setText(type.get().name() + " — " + type.get().id() + " " + type.get().version());
        if (type.get().parameters().isEmpty()) {
            new Label(body, SWT.NONE).setText("This node has no parameters.");
        }
        List<String> columns = null;
        for (ParameterDescriptor d : type.get().parameters()) {
            if (isColumns(d) && columns == null) {
                columns = columnSuggestions(p, node, type.get());
            }
            row(p, node, d, isColumns(d) ? columns : List.of());
        }
    }

    /** Whether a text parameter names one or more columns of an input table (by its name or label). */
    static boolean isColumns(ParameterDescriptor d) {
        if (d.type() != String.class || !d.choices().isEmpty()) {
            return false;
        }
        String n = d.name().toLowerCase(Locale.ROOT);
        String l = d.label().toLowerCase(Locale.ROOT);
        return n.endsWith("column") || n.endsWith("columns") || l.contains("column") || n.endsWith("key");
    }

    static boolean isColumnList(ParameterDescriptor d) {
        return d.name().toLowerCase(Locale.ROOT).endsWith("columns") || d.label().toLowerCase(Locale.ROOT).endsWith("columns");
    }

    /**
     * The columns that will arrive at {@code node}'s table inputs: from the last run's values when
     * the upstream node finished, else from the spec step of the engine (what validation knows).
     */
    List<String> columnSuggestions(Pipeline p, Node node, NodeDescriptor type) {
        Set<String> names = new LinkedHashSet<>();
        org.gyrus.pipeline.PipelineSpecs specs = null;
        for (PortDescriptor in : type.inputs()) {
            Optional<Edge> edge = p.edges().stream().filter(e -> e.toNode().equals(node.id()) && e.input().equals(in.name())).findFirst();
            if (edge.isEmpty()) {
                continue;
            }
            Optional<Object> value = session.runs().value(edge.get().fromNode(), edge.get().output());
            if (value.isPresent() && value.get() instanceof org.gyrus.data.Table t) {
                names.addAll(TableSpec.of(t).columnNames());
                continue;
            }
            try {
                if (specs == null) {
                    specs = new PipelineValidator(session.registry()).specs(p, Map.of());
                }
                Optional<DataSpec> spec = specs.input(node.id(), in.name());
                if (spec.isPresent() && spec.get() instanceof TableSpec ts) {
                    names.addAll(ts.columnNames());
                }
            } catch (RuntimeException e) {
                // The spec step could not say: no suggestions, the user types the name.
            }
        }
        return new ArrayList<>(names);
    }

    private void row(Pipeline p, Node node, ParameterDescriptor d, List<String> columns) {
        Label label = new Label(body, SWT.NONE);
        label.setText(d.label());
        label.setToolTipText(d.description());
        Object raw = node.parameters().get(d.name());
        Object def = d.defaultValue();
        boolean variable = raw instanceof String s && VARIABLE.matcher(s).matches();
        Control field;
        Composite cell = new Composite(body, SWT.NONE);
        GridLayout cl = new GridLayout(2, false);
        cl.marginWidth = 0;
        cl.marginHeight = 0;
        cell.setLayout(cl);
        cell.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Class<?> t = d.type();
        if (variable || raw != null && !matchesType(t, raw)) {
            field = text(cell, node, d, raw == null ? "" : raw.toString(), 2);
        } else if (t == boolean.class) {
            Button b = new Button(cell, SWT.CHECK);
            b.setSelection(Boolean.TRUE.equals(raw != null ? raw : def));
            b.addListener(SWT.Selection, e -> set(node.id(), d, b.getSelection()));
            span(b, 2);
            field = b;
        } else if ((t == int.class || t == long.class) && fitsSpinner(d)) {
            Spinner s = new Spinner(cell, SWT.BORDER);
            s.setValues(((Number) (raw != null ? raw : def)).intValue(), (int) d.min(), (int) d.max(), 0,
                    Double.isNaN(d.stepSize()) ? 1 : Math.max(1, (int) d.stepSize()), 10);
            s.addListener(SWT.Selection, e -> set(node.id(), d, s.getSelection()));
            span(s, 2);
            field = s;
        } else if ((t == double.class || t == float.class) && decimalDigits(d, raw) >= 0) {
            field = decimalSpinner(cell, node, d, ((Number) (raw != null ? raw : def)).doubleValue(), decimalDigits(d, raw));
        } else if (t == int[].class || t == double[].class) {
            ListEditor list = new ListEditor(cell, d, raw != null ? raw : def, items -> set(node.id(), d, items));
            span(list, 2);
            field = list;
        } else if (!d.choices().isEmpty()) {
            Combo c = new Combo(cell, SWT.READ_ONLY);
            d.choices().forEach(c::add);
            String current = String.valueOf(raw != null ? raw : def);
            c.select(Math.max(0, d.choices().indexOf(current)));
            c.addListener(SWT.Selection, e -> set(node.id(), d, c.getText()));
            span(c, 2);
            field = c;
        } else if (t == Path.class) {
            Text text = text(cell, node, d, raw != null ? raw.toString() : "", 1);
            Button browse = new Button(cell, SWT.PUSH);
            browse.setText("…");
            browse.setToolTipText("Choose " + ("directory".equals(d.style()) ? "a folder" : "a file"));
            browse.addListener(SWT.Selection, e -> {
                PathChooser.Kind kind = "directory".equals(d.style()) ? PathChooser.Kind.FOLDER
                        : "save".equals(d.style()) ? PathChooser.Kind.SAVE : PathChooser.Kind.OPEN;
                String chosen = chooser.choose(body.getShell(), kind, text.getText().trim());
                if (chosen != null) {
                    text.setText(chosen);
                    set(node.id(), d, chosen);
                }
            });
            field = text;
        } else if (!columns.isEmpty()) {
            Combo c = new Combo(cell, SWT.DROP_DOWN);
            c.setText(raw != null ? raw.toString() : "");
            c.setToolTipText("Columns arriving here: " + String.join(", ", columns));
            columns.forEach(c::add);
            c.addListener(SWT.Selection, e -> {
                if (isColumnList(d)) {
                    // Choosing from the list adds the column to the comma-separated list.
                    String chosen = c.getItem(c.getSelectionIndex());
                    String before = raw == null ? "" : raw.toString().trim();
                    String joined = before.isEmpty() ? chosen : before + "," + chosen;
                    c.setText(joined);
                    set(node.id(), d, joined);
                } else {
                    set(node.id(), d, c.getText());
                }
            });
            c.addListener(SWT.DefaultSelection, e -> setText(node.id(), d, c.getText()));
            c.addListener(SWT.FocusOut, e -> setText(node.id(), d, c.getText()));
            span(c, 2);
            field = c;
        } else {
            field = text(cell, node, d, raw != null ? format(raw) : "", 2);
        }
        if (field instanceof Text tx && raw == null) {
            tx.setMessage(format(def));
        }
        Label hint = new Label(body, SWT.NONE);
        hint.setText(hint(d));
        hint.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        field.setToolTipText(d.description());
        fields.put(d.name(), field);
        Menu menu = new Menu(label);
        MenuItem reset = new MenuItem(menu, SWT.PUSH);
        reset.setText("Reset to default (" + format(def) + ")");
        reset.addListener(SWT.Selection, e -> {
            set(node.id(), d, null);
            // The default may need another widget than the value had (a spinner, not a variable's text).
            rebuild();
        });
        for (Variable v : p.variables()) {
            MenuItem use = new MenuItem(menu, SWT.PUSH);
            use.setText("Use variable ${" + v.name() + "}");
            use.addListener(SWT.Selection, e -> {
                set(node.id(), d, "${" + v.name() + "}");
                rebuild();
            });
        }
        label.setMenu(menu);
    }

    private static void span(Control c, int columns) {
        c.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, columns, 1));
    }

    private Text text(Composite cell, Node node, ParameterDescriptor d, String value, int span) {
        Text text = new Text(cell, SWT.BORDER);
        text.setText(value);
        span(text, span);
        text.addListener(SWT.DefaultSelection, e -> setText(node.id(), d, text.getText()));
        text.addListener(SWT.FocusOut, e -> {
            if (!text.isDisposed()) {
                setText(node.id(), d, text.getText());
            }
        });
        return text;
    }

    /**
     * A spinner for a decimal parameter with both bounds: SWT's spinner counts whole steps, so it
     * holds the value times 10^digits. The arrows step by the descriptor's step size, else by about
     * a hundredth of the range rounded to a power of ten (0.01 for 0–1).
     */
    private Spinner decimalSpinner(Composite cell, Node node, ParameterDescriptor d, double value, int digits) {
        double scale = Math.pow(10, digits);
        Spinner s = new Spinner(cell, SWT.BORDER);
        int increment = (int) Math.max(1, Math.round(step(d) * scale));
        s.setValues((int) Math.round(value * scale), (int) Math.round(d.min() * scale), (int) Math.round(d.max() * scale), digits,
                increment, increment * 10);
        s.addListener(SWT.Selection, e -> set(node.id(), d, s.getSelection() / scale));
        span(s, 2);
        return s;
    }

    /** The arrows' step of a decimal parameter with bounds. */
    private static double step(ParameterDescriptor d) {
        if (!Double.isNaN(d.stepSize()) && d.stepSize() > 0) {
            return d.stepSize();
        }
        return Math.pow(10, Math.floor(Math.log10((d.max() - d.min()) / 100)));
    }

    /**
     * The decimal places a spinner needs for {@code d} (its step, its default and the value set),
     * or -1 when a spinner cannot hold it: a bound missing, more than six places, a range too
     * wide for the spinner's int counter, or a value outside the range (a spinner would silently
     * show the bound). Then the sheet keeps a text field, checked by the validator.
     */
    static int decimalDigits(ParameterDescriptor d, Object raw) {
        if (Double.isNaN(d.min()) || Double.isNaN(d.max()) || d.max() <= d.min()
                || raw instanceof Number n && !(n.doubleValue() >= d.min() && n.doubleValue() <= d.max())) {
            return -1;
        }
        int digits = Math.max(0, places(step(d)));
        for (Object v : new Object[] {d.defaultValue(), raw}) {
            if (v instanceof Number n) {
                // A float's digits as written (0.1f, not 0.100000001…).
                digits = Math.max(digits, places(v instanceof Float f ? Double.parseDouble(f.toString()) : n.doubleValue()));
            }
        }
        double scale = Math.pow(10, digits);
        if (digits > 6 || Math.max(Math.abs(d.min()), Math.abs(d.max())) * scale > Integer.MAX_VALUE) {
            return -1;
        }
        return digits;
    }

    /** The decimal places of {@code x} as it would be written (0.25 has 2; 1e-9 has 9); 99 for NaN and infinities. */
    private static int places(double x) {
        if (!Double.isFinite(x)) {
            return 99;
        }
        return Math.max(0, new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().scale());
    }

    private static boolean fitsSpinner(ParameterDescriptor d) {
        return !Double.isNaN(d.min()) && !Double.isNaN(d.max()) && d.min() >= Integer.MIN_VALUE && d.max() <= Integer.MAX_VALUE;
    }

    private static boolean matchesType(Class<?> t, Object raw) {
        if (t == boolean.class) {
            return raw instanceof Boolean;
        }
        if (t == int.class || t == long.class || t == double.class || t == float.class) {
            return raw instanceof Number;
        }
        if (t == int[].class || t == double[].class) {
            // Text such as "64, 32" (a hand-written file) is shown as typed; an edit stores it as a list.
            return raw instanceof List<?> || raw.getClass().isArray();
        }
        return true;
    }

    private static String hint(ParameterDescriptor d) {
        List<String> parts = new ArrayList<>();
        if (!Double.isNaN(d.min()) || !Double.isNaN(d.max())) {
            parts.add((Double.isNaN(d.min()) ? "" : format(d.min())) + "…" + (Double.isNaN(d.max()) ? "" : format(d.max())));
        }
        if (d.required()) {
            parts.add("required");
        } else if (!format(d.defaultValue()).isEmpty()) {
            parts.add("default " + format(d.defaultValue()));
        }
        return String.join(", ", parts);
    }

    static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double x && x == Math.rint(x) && Math.abs(x) < 1e15) {
            return String.valueOf(x.longValue());
        }
        if (v instanceof int[] a) {
            return java.util.Arrays.toString(a).replaceAll("[\\[\\]]", "");
        }
        if (v instanceof double[] a) {
            return java.util.Arrays.toString(a).replaceAll("[\\[\\]]", "");
        }
        if (v instanceof List<?> l) {
            return String.join(", ", l.stream().map(String::valueOf).toList());
        }
        return v.toString();
    }

    /** Text typed into a field, as the file would hold it: numbers as numbers, lists as lists, empty as the default. */
    static Object parse(ParameterDescriptor d, String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return null;
        }
        if (VARIABLE.matcher(s).matches()) {
            return s;
        }
        Class<?> t = d.type();
        try {
            if (t == int.class || t == long.class) {
                return Long.parseLong(s);
            }
            if (t == double.class || t == float.class) {
                return Double.parseDouble(s);
            }
            if (t == int[].class || t == double[].class) {
                List<Object> out = new ArrayList<>();
                for (String part : s.split("[,\\s]+")) {
                    if (!part.isEmpty()) {
                        out.add(t == int[].class ? (Object) Long.parseLong(part) : (Object) Double.parseDouble(part));
                    }
                }
                return out;
            }
        } catch (NumberFormatException e) {
            // Kept as typed: the problems view says what is wrong with it.
            return s;
        }
        return s;
    }

    private void setText(String node, ParameterDescriptor d, String text) {
        set(node, d, parse(d, text));
    }

    private void set(String node, ParameterDescriptor d, Object value) {
        if (session.document().pipeline().node(node).isEmpty()) {
            return;
        }
        applying = true;
        try {
            session.document().apply("Set " + node + "." + d.name(), p -> PipelineEdits.setParameter(p, node, d.name(), value));
            shownParameters = session.document().pipeline().node(node).map(Node::parameters).orElse(null);
        } finally {
            applying = false;
        }
    }

    // ----- the pipeline's variables ------------------------------------------------------------

    private void buildVariables(Pipeline p) {
        title("Pipeline variables");
        Label help = new Label(body, SWT.WRAP);
        help.setText("Parameters refer to a variable as ${name}; `gyrus run --set name=value` overrides it.");
        help.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        variablesTable = new Table(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        variablesTable.setHeaderVisible(true);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
        gd.heightHint = 120;
        variablesTable.setLayoutData(gd);
        for (String h : new String[] {"Name", "Type", "Default", "Description"}) {
            TableColumn c = new TableColumn(variablesTable, SWT.NONE);
            c.setText(h);
            c.setWidth(h.equals("Description") ? 180 : 90);
        }
        for (Variable v : p.variables()) {
            TableItem item = new TableItem(variablesTable, SWT.NONE);
            item.setText(new String[] {v.name(), v.type().fileName(), format(v.defaultValue()), v.description()});
        }
        Text name = labelled("Name");
        new Label(body, SWT.NONE).setText("Type");
        Combo type = new Combo(body, SWT.READ_ONLY);
        for (VariableType vt : VariableType.values()) {
            type.add(vt.fileName());
        }
        type.select(0);
        type.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Text value = labelled("Default");
        Text description = labelled("Description");
        Button put = new Button(body, SWT.PUSH);
        put.setText("Add / update");
        Button remove = new Button(body, SWT.PUSH);
        remove.setText("Remove");
        Label error = new Label(body, SWT.WRAP);
        error.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_RED));
        error.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        fields.put("variable.name", name);
        fields.put("variable.type", type);
        fields.put("variable.default", value);
        fields.put("variable.description", description);
        fields.put("variable.put", put);
        fields.put("variable.remove", remove);
        variablesTable.addListener(SWT.Selection, e -> {
            int i = variablesTable.getSelectionIndex();
            if (i >= 0) {
                Variable v = p.variables().get(i);
                name.setText(v.name());
                type.select(v.type().ordinal());
                value.setText(format(v.defaultValue()));
                description.setText(v.description());
            }
        });
        put.addListener(SWT.Selection, e -> {
            try {
                VariableType vt = VariableType.values()[Math.max(0, type.getSelectionIndex())];
                Object def = value.getText().isBlank() ? null : vt.convert(value.getText());
                Variable v = new Variable(name.getText().trim(), vt, def, description.getText());
                error.setText("");
                // The edit rebuilds the sheet, disposing this form: nothing of it may be touched after.
                session.document().apply("Set variable " + v.name(), q -> PipelineEdits.putVariable(q, v));
            } catch (IllegalArgumentException x) {
                error.setText(x.getMessage());
                body.layout(true, true);
            }
        });
        remove.addListener(SWT.Selection, e -> {
            String n = name.getText().trim();
            session.document().apply("Remove variable " + n, q -> PipelineEdits.removeVariable(q, n));
        });
    }

    private Text labelled(String label) {
        new Label(body, SWT.NONE).setText(label);
        Text t = new Text(body, SWT.BORDER);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        return t;
    }
}
