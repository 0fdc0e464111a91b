package org.gyrus.workbench.viewers;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.gyrus.data.Report;

/**
 * The report viewer: the report's sections in order, each under its title — text as wrapped
 * paragraphs, metrics tables as {@link TableGrid}s, figures as {@link ImageViewer}s — in a
 * vertically scrolling page.
 */
public final class ReportViewer extends ScrolledComposite {

    private final Composite page;
    private final Font bold;

    /** A viewer of {@code report}. */
    public ReportViewer(Composite parent, Report report) {
        super(parent, SWT.V_SCROLL | SWT.BORDER);
        page = new Composite(this, SWT.NONE);
        page.setLayout(new GridLayout(1, false));
        FontData[] fd = getFont().getFontData();
        for (FontData f : fd) {
            f.setStyle(SWT.BOLD);
            f.setHeight(f.getHeight() + 2);
        }
        bold = new Font(getDisplay(), fd);
        addDisposeListener(e -> bold.dispose());
        if (report.items().isEmpty()) {
            new Label(page, SWT.NONE).setText("The report is empty.");
        }
        for (Report.Item item : report.items()) {
            Label title = new Label(page, SWT.NONE);
            title.setText(item.title());
            title.setFont(bold);
            Control body;
            if (item instanceof Report.Text t) {
                Label l = new Label(page, SWT.WRAP);
                l.setText(t.body());
                body = l;
                l.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
            } else if (item instanceof Report.Metrics m) {
                TableGrid grid = new TableGrid(page, TableModel.of(m.table()));
                GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
                gd.heightHint = Math.min(12, m.table().rowCount() + 2) * 22;
                grid.setLayoutData(gd);
                body = grid;
            } else {
                Report.Figure f = (Report.Figure) item;
                ImageViewer img = new ImageViewer(page, f.png());
                GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
                gd.widthHint = img.imageBounds().width;
                gd.heightHint = img.imageBounds().height;
                img.setLayoutData(gd);
                Label caption = new Label(page, SWT.WRAP);
                caption.setText(f.caption());
                body = img;
            }
            body.setData("gyrus.reportItem", item);
        }
        setContent(page);
        setExpandHorizontal(true);
        setExpandVertical(true);
        addListener(SWT.Resize, e -> setMinSize(page.computeSize(getClientArea().width, SWT.DEFAULT)));
        setMinSize(page.computeSize(SWT.DEFAULT, SWT.DEFAULT));
    }

    /** The page holding the sections (titles, then each body), in order. */
    public Composite page() {
        return page;
    }
}
