package org.gyrus.workbench;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * A window showing one output value of a finished node. What draws the value is {@link #createViewer};
 * whatever goes wrong inside a viewer is shown in the window and never reaches the workbench.
 */
public final class ValueWindow {

    private ValueWindow() {
    }

    /** Opens a window titled {@code title} on {@code value}. */
    public static Shell open(Shell parent, String title, Object value) {
        Shell shell = new Shell(parent, SWT.SHELL_TRIM);
        shell.setText(title);
        shell.setLayout(new FillLayout());
        try {
            createViewer(shell, value);
        } catch (RuntimeException | LinkageError e) {
            for (Control c : shell.getChildren()) {
                c.dispose();
            }
            Text t = new Text(shell, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP);
            t.setText("This value cannot be shown: " + e + "\n\n" + summary(value));
        }
        shell.setSize(900, 650);
        shell.open();
        return shell;
    }

    /**
     * The one place that picks a viewer for a value: the viewers of {@code org.gyrus.workbench.viewers}
     * when they are part of the build, else a text summary.
     */
    static Control createViewer(Composite parent, Object value) {
        Text t = new Text(parent, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        t.setText(summary(value));
        return t;
    }

    /** A one-line summary of a value (the port hover text). */
    static String summary(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.getClass().getSimpleName() + ": " + value;
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
