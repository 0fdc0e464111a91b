package org.gyrus.workbench;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.gyrus.pipeline.ParameterDescriptor;

/**
 * The parameter sheet's editor of a list parameter ({@code int[]}, {@code double[]}): the items
 * one per row, a field to type a new one (Enter or Add puts it after the selected item, else at
 * the end), Remove, Up and Down. Each item is checked by the parameter's own rules (whole number
 * or number, range) before it is taken; a refused one is named under the list. Every change hands
 * the whole list, as the pipeline file holds it (numbers in a JSON array), to {@code onChange}.
 */
public final class ListEditor extends Composite {

    private final ParameterDescriptor parameter;
    private final Consumer<List<Object>> onChange;
    private final List<Object> items = new ArrayList<>();
    private final org.eclipse.swt.widgets.List list;
    private final Text input;
    private final Button add;
    private final Button remove;
    private final Button up;
    private final Button down;
    private final Label error;

    ListEditor(Composite parent, ParameterDescriptor parameter, Object value, Consumer<List<Object>> onChange) {
        super(parent, SWT.NONE);
        this.parameter = parameter;
        this.onChange = onChange;
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        setLayout(layout);
        list = new org.eclipse.swt.widgets.List(this, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        GridData lg = new GridData(SWT.FILL, SWT.FILL, true, false, 1, 3);
        lg.heightHint = list.getItemHeight() * 4;
        list.setLayoutData(lg);
        remove = button("Remove");
        up = button("Up");
        down = button("Down");
        input = new Text(this, SWT.BORDER);
        input.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        input.setMessage(parameter.type() == int[].class ? "a whole number" : "a number");
        add = button("Add");
        error = new Label(this, SWT.WRAP);
        error.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
        error.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        if (value instanceof List<?> l) {
            l.forEach(o -> items.add(asInFile(o)));
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(asInFile(Array.get(value, i)));
            }
        }
        add.addListener(SWT.Selection, e -> add());
        input.addListener(SWT.DefaultSelection, e -> add());
        remove.addListener(SWT.Selection, e -> remove());
        up.addListener(SWT.Selection, e -> move(-1));
        down.addListener(SWT.Selection, e -> move(1));
        list.addListener(SWT.Selection, e -> enable());
        show(-1);
    }

    private Button button(String text) {
        Button b = new Button(this, SWT.PUSH);
        b.setText(text);
        b.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        return b;
    }

    /** The items, as the pipeline file will hold them. */
    public List<Object> items() {
        return Collections.unmodifiableList(items);
    }

    /** The list of items. */
    public org.eclipse.swt.widgets.List list() {
        return list;
    }

    /** The field a new item is typed into. */
    public Text input() {
        return input;
    }

    /** The button labelled {@code text}: Add, Remove, Up or Down. */
    public Button action(String text) {
        for (Button b : new Button[] {add, remove, up, down}) {
            if (b.getText().equals(text)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no button " + text);
    }

    /** Why the last typed item was refused; empty when it was taken. */
    public String error() {
        return error.getText();
    }

    private void add() {
        Object item;
        try {
            // The parameter's own conversion checks the number and its range, and names the parameter.
            Object one = parameter.convert(List.of(input.getText().trim()));
            item = asInFile(Array.get(one, 0));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            error.setText(input.getText().trim().isEmpty() ? "Type an item first." : e.getMessage());
            layout(true, true);
            return;
        }
        error.setText("");
        int at = list.getSelectionIndex() < 0 ? items.size() : list.getSelectionIndex() + 1;
        items.add(at, item);
        input.setText("");
        changed(at);
    }

    /** Whole numbers as the file reader gives them (long), so an edited list equals a read one. */
    private static Object asInFile(Object o) {
        return o instanceof Integer i ? (Object) i.longValue() : o;
    }

    private void remove() {
        int i = list.getSelectionIndex();
        if (i < 0) {
            return;
        }
        items.remove(i);
        changed(Math.min(i, items.size() - 1));
    }

    private void move(int by) {
        int i = list.getSelectionIndex();
        int j = i + by;
        if (i < 0 || j < 0 || j >= items.size()) {
            return;
        }
        Collections.swap(items, i, j);
        changed(j);
    }

    private void changed(int select) {
        show(select);
        onChange.accept(new ArrayList<>(items));
    }

    private void show(int select) {
        list.removeAll();
        for (Object o : items) {
            list.add(ParameterSheet.format(o));
        }
        if (select >= 0) {
            list.setSelection(select);
        }
        enable();
    }

    private void enable() {
        int i = list.getSelectionIndex();
        remove.setEnabled(i >= 0);
        up.setEnabled(i > 0);
        down.setEnabled(i >= 0 && i < items.size() - 1);
    }
}
