package org.gyrus.workbench.batch;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.gyrus.batch.BatchRun;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.ProgressEvent;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.workbench.viewers.ValueViewers;

/**
 * The batch view: the pipeline over a subjects table (or a BIDS dataset's
 * {@code participants.tsv}) exactly as {@code gyrus run --each} runs it ({@link BatchRun}: same
 * folders, {@code summary.tsv}, cache), shown as a subject × node grid of states that fills in
 * while the batch runs on its own threads. "Rerun failed" runs the failed, invalid and cancelled
 * subjects again (the finished ones come back from the cache at once); double-clicking a cell
 * opens that node's output values for that subject, each in its viewer.
 */
public final class BatchView extends Composite {

    private final NodeRegistry registry;
    private final ResultCache cache;
    private final Pipeline pipeline;
    private final Path pipelineFile;
    private final int threads;
    private final Text subjectsField;
    private final Text outputField;
    private final Button runButton;
    private final Button rerunButton;
    private final Button cancelButton;
    private final Label statusLabel;
    private final Table table;
    private BatchGrid grid;
    private volatile BatchRun running;
    private BiConsumer<String, Map<String, Object>> opener = this::showOutputs;

    /**
     * A batch view of {@code pipeline} (read from {@code pipelineFile}, may be null), running with
     * the node types of {@code registry}, the disk cache {@code cache} (the one {@code gyrus run}
     * uses) and {@code threads} threads.
     */
    public BatchView(Composite parent, NodeRegistry registry, ResultCache cache, Pipeline pipeline, Path pipelineFile, int threads) {
        super(parent, SWT.NONE);
        this.registry = registry;
        this.cache = cache;
        this.pipeline = pipeline;
        this.pipelineFile = pipelineFile;
        this.threads = threads;
        setLayout(new GridLayout(4, false));
        new Label(this, SWT.NONE).setText("Subjects table or BIDS folder");
        subjectsField = new Text(this, SWT.BORDER);
        subjectsField.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button browseSubjects = new Button(this, SWT.PUSH);
        browseSubjects.setText("Table…");
        browseSubjects.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] {"*.tsv", "*"});
            String f = d.open();
            if (f != null) {
                subjectsField.setText(f);
            }
        });
        Button browseBids = new Button(this, SWT.PUSH);
        browseBids.setText("BIDS…");
        browseBids.addListener(SWT.Selection, e -> {
            String f = new DirectoryDialog(getShell()).open();
            if (f != null) {
                subjectsField.setText(f);
            }
        });
        new Label(this, SWT.NONE).setText("Output folder");
        outputField = new Text(this, SWT.BORDER);
        outputField.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Button browseOut = new Button(this, SWT.PUSH);
        browseOut.setText("Folder…");
        browseOut.addListener(SWT.Selection, e -> {
            String f = new DirectoryDialog(getShell()).open();
            if (f != null) {
                outputField.setText(f);
            }
        });
        Composite buttons = new Composite(this, SWT.NONE);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        buttons.setLayout(new GridLayout(4, false));
        runButton = new Button(buttons, SWT.PUSH);
        runButton.setText("Run batch");
        runButton.addListener(SWT.Selection, e -> run(false));
        rerunButton = new Button(buttons, SWT.PUSH);
        rerunButton.setText("Rerun failed");
        rerunButton.setEnabled(false);
        rerunButton.addListener(SWT.Selection, e -> run(true));
        cancelButton = new Button(buttons, SWT.PUSH);
        cancelButton.setText("Cancel");
        cancelButton.setEnabled(false);
        cancelButton.addListener(SWT.Selection, e -> cancel());
        statusLabel = new Label(buttons, SWT.NONE);
        statusLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        table = new Table(this, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        table.addListener(SWT.MouseDoubleClick, e -> {
            String[] cell = cellAt(new Point(e.x, e.y));
            if (cell != null) {
                openCell(cell[0], cell[1]);
            }
        });
    }

    /** Sets the subjects table (a TSV, or a BIDS dataset folder). */
    public void setSubjects(Path table) {
        subjectsField.setText(table.toString());
    }

    /** Sets the batch's output folder. */
    public void setOutput(Path folder) {
        outputField.setText(folder.toString());
    }

    /** The grid (null before the first run). */
    public BatchGrid grid() {
        return grid;
    }

    /** The grid's table: a row per subject (subject, status, then a column per node). */
    public Table table() {
        return table;
    }

    /** The "Run batch", "Rerun failed" and "Cancel" buttons. */
    public Button[] buttons() {
        return new Button[] {runButton, rerunButton, cancelButton};
    }

    /** The status line under the buttons. */
    public String status() {
        return statusLabel.getText();
    }

    /** Whether a batch is running. */
    public boolean isRunning() {
        return running != null;
    }

    /** What opening a cell does with its title and its output values by port (default: a window of viewers). */
    public void setOpener(BiConsumer<String, Map<String, Object>> value) {
        opener = value;
    }

    /** Cancels the running batch. */
    public void cancel() {
        BatchRun r = running;
        if (r != null) {
            r.cancel();
        }
    }

    /** Starts the batch (or, with {@code rerun}, runs it again for the subjects that did not finish). */
    public void run(boolean rerun) {
        if (running != null) {
            return;
        }
        Path subjects = Path.of(subjectsField.getText().trim());
        Path out = Path.of(outputField.getText().trim());
        java.util.List<String> ids;
        try {
            ids = BatchRun.subjects(subjects, pipeline);
        } catch (IllegalArgumentException e) {
            statusLabel.setText(e.getMessage());
            return;
        }
        if (rerun && grid != null && grid.subjects().equals(ids)) {
            grid.reset(grid.unfinished());
        } else {
            grid = new BatchGrid(ids, pipeline.nodes().stream().map(Pipeline.Node::id).toList());
            buildTable();
        }
        refreshAll();
        BatchRun batch = new BatchRun(registry, cache, threads);
        running = batch;
        runButton.setEnabled(false);
        rerunButton.setEnabled(false);
        cancelButton.setEnabled(true);
        statusLabel.setText("Running " + ids.size() + " subjects…");
        Display display = getDisplay();
        Thread t = new Thread(() -> {
            String end;
            try {
                int code = batch.run(pipeline, pipelineFile, Map.of(), subjects, out, new BatchRun.Listener() {
                    @Override
                    public void onEvent(String subject, ProgressEvent e) {
                        post(display, () -> {
                            grid.onEvent(subject, e);
                            refreshRow(subject);
                        });
                    }

                    @Override
                    public void onSubjectDone(String subject, String s, String message) {
                        post(display, () -> {
                            grid.onSubjectDone(subject, s, message);
                            refreshRow(subject);
                        });
                    }
                });
                end = code == 0 ? "All subjects finished." : "Finished with exit code " + code + ": see summary.tsv in " + out + ".";
            } catch (IllegalArgumentException e) {
                end = e.getMessage();
            } catch (InterruptedException e) {
                end = "Interrupted.";
            } catch (RuntimeException e) {
                end = "The batch failed: " + e;
            }
            String message = end;
            post(display, () -> {
                running = null;
                runButton.setEnabled(true);
                cancelButton.setEnabled(false);
                rerunButton.setEnabled(grid != null && !grid.unfinished().isEmpty());
                long failed = grid == null ? 0 : grid.unfinished().size();
                statusLabel.setText(message + (failed > 0 ? " " + failed + " subject" + (failed == 1 ? "" : "s") + " to rerun." : ""));
                statusLabel.getParent().layout();
            });
        }, "gyrus-batch-view");
        t.setDaemon(true);
        t.start();
    }

    private static void post(Display display, Runnable r) {
        if (!display.isDisposed()) {
            display.asyncExec(r);
        }
    }

    private void buildTable() {
        table.removeAll();
        for (TableColumn c : table.getColumns()) {
            c.dispose();
        }
        TableColumn subject = new TableColumn(table, SWT.NONE);
        subject.setText("subject");
        subject.setWidth(110);
        TableColumn st = new TableColumn(table, SWT.NONE);
        st.setText("status");
        st.setWidth(80);
        for (String n : grid.nodes()) {
            TableColumn c = new TableColumn(table, SWT.NONE);
            c.setText(n);
            c.setWidth(Math.max(90, n.length() * 8));
        }
        for (String s : grid.subjects()) {
            new TableItem(table, SWT.NONE).setText(0, s);
        }
    }

    private void refreshAll() {
        for (String s : grid.subjects()) {
            refreshRow(s);
        }
    }

    private void refreshRow(String subject) {
        if (table.isDisposed() || grid == null) {
            return;
        }
        int row = grid.subjects().indexOf(subject);
        if (row < 0 || row >= table.getItemCount()) {
            return;
        }
        TableItem item = table.getItem(row);
        item.setText(1, grid.status(subject));
        for (int n = 0; n < grid.nodes().size(); n++) {
            BatchGrid.Cell c = grid.cell(subject, grid.nodes().get(n));
            item.setText(n + 2, c.label());
            item.setBackground(n + 2, colour(c));
        }
    }

    private Color colour(BatchGrid.Cell c) {
        Display d = getDisplay();
        return switch (c.state()) {
            case FINISHED -> d.getSystemColor(c.cached() ? SWT.COLOR_DARK_GREEN : SWT.COLOR_GREEN);
            case FAILED -> d.getSystemColor(SWT.COLOR_RED);
            case RUNNING -> d.getSystemColor(SWT.COLOR_YELLOW);
            case SKIPPED, CANCELLED -> d.getSystemColor(SWT.COLOR_GRAY);
            default -> d.getSystemColor(SWT.COLOR_LIST_BACKGROUND);
        };
    }

    /** The subject and node of the cell at a point of the table, or null. */
    private String[] cellAt(Point p) {
        TableItem item = table.getItem(p);
        if (item == null) {
            return null;
        }
        for (int c = 2; c < table.getColumnCount(); c++) {
            if (item.getBounds(c).contains(p)) {
                return new String[] {item.getText(0), grid.nodes().get(c - 2)};
            }
        }
        return null;
    }

    /**
     * Opens the outputs of {@code node} for {@code subject}: the node and what is upstream of it
     * run again with the subject's values through the batch's cache ({@link CellValues}), off the
     * display thread; the values, by port, go to the opener.
     */
    public void openCell(String subject, String node) {
        Map<String, String> vars;
        try {
            vars = BatchRun.subjectVariables(Path.of(subjectsField.getText().trim()), pipeline).get(subject);
        } catch (IllegalArgumentException e) {
            statusLabel.setText(e.getMessage());
            return;
        }
        if (vars == null) {
            statusLabel.setText("Subject '" + subject + "' is no longer in the subjects table.");
            return;
        }
        statusLabel.setText("Opening the outputs of " + node + " for " + subject + "…");
        Display display = getDisplay();
        Thread t = new Thread(() -> {
            String title = subject + " · " + node;
            try {
                Map<String, Object> values = CellValues.of(registry, cache, threads, pipeline, node, vars);
                post(display, () -> {
                    statusLabel.setText("");
                    opener.accept(title, values);
                });
            } catch (Exception e) {
                String message = e instanceof org.gyrus.pipeline.PipelineValidationException v
                        ? String.join("; ", v.errors().stream().map(Object::toString).toList()) : e.getMessage();
                post(display, () -> statusLabel.setText("Cannot open " + title + ": " + message));
            }
        }, "gyrus-batch-cell");
        t.setDaemon(true);
        t.start();
    }

    /** The default opener: a window with a tab per output port, each value in its viewer. */
    private void showOutputs(String title, Map<String, Object> values) {
        Shell shell = new Shell(getShell(), SWT.SHELL_TRIM);
        shell.setText(title);
        shell.setLayout(new FillLayout());
        org.eclipse.swt.custom.CTabFolder tabs = new org.eclipse.swt.custom.CTabFolder(shell, SWT.BORDER);
        for (Map.Entry<String, Object> v : values.entrySet()) {
            org.eclipse.swt.custom.CTabItem item = new org.eclipse.swt.custom.CTabItem(tabs, SWT.NONE);
            item.setText(v.getKey());
            item.setToolTipText(ValueViewers.summary(v.getValue()));
            item.setControl(ValueViewers.create(tabs, v.getValue()));
        }
        if (tabs.getItemCount() > 0) {
            tabs.setSelection(0);
        }
        shell.setSize(1000, 650);
        shell.open();
    }
}
