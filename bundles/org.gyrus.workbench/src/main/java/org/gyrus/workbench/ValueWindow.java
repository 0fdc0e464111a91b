package org.gyrus.workbench;

import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.gyrus.data.Volume;
import org.gyrus.workbench.viewers.ValueViewers;
import org.gyrus.workbench.viewers.VolumeViewer;

/**
 * A window showing one output value of a finished node. What draws the value is {@link #createViewer};
 * whatever goes wrong inside a viewer is shown in the window and never reaches the workbench.
 */
public final class ValueWindow {

    private ValueWindow() {
    }

    /** Opens a window titled {@code title} on {@code value}. */
    public static Shell open(Shell parent, String title, Object value) {
        return open(parent, title, value, Map::of);
    }

    /**
     * Opens a window titled {@code title} on {@code value}; a volume viewer in it offers the
     * volumes of {@code overlays} as its overlay.
     */
    public static Shell open(Shell parent, String title, Object value, Supplier<Map<String, Supplier<Volume>>> overlays) {
        Shell shell = new Shell(parent, SWT.SHELL_TRIM);
        shell.setText(title);
        shell.setLayout(new FillLayout());
        try {
            offerOverlays(createViewer(shell, value), overlays);
        } catch (RuntimeException | LinkageError e) {
            for (Control c : shell.getChildren()) {
                c.dispose();
            }
            Text t = new Text(shell, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP);
            t.setText("This value cannot be shown: " + e + "\n\n" + summary(value));
        }
        // Beside the canvas rather than over it (a window manager may place it elsewhere).
        org.eclipse.swt.graphics.Rectangle owner = parent.getBounds();
        shell.setBounds(owner.x + Math.max(0, owner.width - 760), owner.y + 40, 740, Math.min(620, owner.height - 60));
        shell.open();
        return shell;
    }

    private static void offerOverlays(Control c, Supplier<Map<String, Supplier<Volume>>> overlays) {
        if (c instanceof VolumeViewer v) {
            v.overlayChoices(overlays);
        } else if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                offerOverlays(child, overlays);
            }
        }
    }

    /** The one place that picks a viewer for a value: the viewer for its type ({@link ValueViewers}). */
    static Control createViewer(Composite parent, Object value) {
        return ValueViewers.create(parent, value);
    }

    /** A one-line summary of a value (the port hover text). */
    static String summary(Object value) {
        return value == null ? "" : ValueViewers.summary(value);
    }
}
