package org.gyrus.workbench;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;

/** The console: the runs' log (node states, failures with their reasons, where outputs went) and the workbench's messages. */
public final class ConsoleView {

    private final StyledText text;

    /** Builds the view in {@code parent}, showing every line logged so far. */
    public ConsoleView(Composite parent, WorkbenchSession session) {
        text = new StyledText(parent, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
        text.setFont(org.eclipse.jface.resource.JFaceResources.getTextFont());
        session.consoleLines().forEach(this::append);
        session.onLog(line -> {
            if (!text.isDisposed()) {
                append(line);
            }
        });
    }

    /** The text widget. */
    public StyledText text() {
        return text;
    }

    private void append(String line) {
        String stamp = java.time.LocalTime.now().withNano(0).toString();
        text.append(stamp + "  " + line + "\n");
        text.setTopIndex(text.getLineCount() - 1);
    }
}
