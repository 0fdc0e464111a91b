package org.gyrus.workbench.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.ResultCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.plugin.Parameter;

/** The batch view with real widgets: a subject × node grid, rerun of the failed cells, a cell's outputs. */
class BatchViewUiTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;

    /** Parameters of the test nodes. */
    public static final class Params {
        @Parameter(description = "how many numbers")
        public int count = 3;
        @Parameter(description = "'fail' makes the node fail")
        public String mode = "ok";
    }

    private static NodeRegistry registry() {
        NodeRegistry r = new NodeRegistry();
        r.add(new NodeType() {
            @Override
            public NodeDescriptor descriptor() {
                return NodeDescriptor.builder("t.numbers", "1.0.0").output("table", Table.class, "").parameters(Params.class).build();
            }

            @Override
            public void execute(NodeContext c) {
                double[] v = new double[c.parameters(Params.class).count];
                c.output("table", Table.of(new NumericColumn("x", v)));
            }
        }, "org.gyrus.test", "1.0.0");
        r.add(new NodeType() {
            @Override
            public NodeDescriptor descriptor() {
                return NodeDescriptor.builder("t.check", "1.0.0").input("table", Table.class, "").output("table", Table.class, "")
                        .parameters(Params.class).build();
            }

            @Override
            public void execute(NodeContext c) {
                if (c.parameters(Params.class).mode.equals("fail")) {
                    throw new IllegalStateException("the table has no column 'volume'");
                }
                c.output("table", c.input("table", Table.class));
            }
        }, "org.gyrus.test", "1.0.0");
        return r;
    }

    private static Pipeline pipeline() {
        return Pipeline.named("small")
                .withVariable(new Pipeline.Variable("count", Pipeline.VariableType.INTEGER, 3, ""))
                .withVariable(new Pipeline.Variable("mode", Pipeline.VariableType.STRING, "ok", ""))
                .withNode(Pipeline.Node.of("numbers", "t.numbers", "1.0.0", Map.of("count", "${count}")))
                .withNode(Pipeline.Node.of("check", "t.check", "1.0.0", Map.of("mode", "${mode}")))
                .withEdge("numbers", "table", "check", "table");
    }

    @BeforeEach
    void open() {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(700, 400);
    }

    @AfterEach
    void close() {
        shell.dispose();
        while (display.readAndDispatch()) {
            // finish
        }
    }

    private void waitFor(BatchView v) {
        long giveUp = System.nanoTime() + 60_000_000_000L;
        do {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        } while ((v.isRunning() || !v.buttons()[0].getEnabled()) && System.nanoTime() < giveUp);
        while (display.readAndDispatch()) {
            // the last events
        }
        assertFalse(v.isRunning(), "the batch ended within a minute");
    }

    private static String cell(BatchView v, int row, int column) {
        return v.table().getItem(row).getText(column);
    }

    @Test
    void theGridFillsInTheFailedCellsRerunAndACellOpensItsOutputs() throws Exception {
        Path bids = Files.createDirectories(dir.resolve("bids"));
        Files.writeString(bids.resolve("participants.tsv"), "participant_id\tcount\tmode\nsub-01\t2\tok\nsub-02\t3\tfail\nsub-03\t4\tok\n");
        ResultCache cache = ResultCache.onDisk(dir.resolve("cache"), 1L << 30, 2);
        BatchView v = new BatchView(shell, registry(), cache, pipeline(), null, 2);
        v.setSubjects(bids);
        v.setOutput(dir.resolve("out"));
        shell.open();
        v.buttons()[0].notifyListeners(SWT.Selection, new Event());
        assertTrue(v.isRunning(), "the batch runs off the display thread");
        waitFor(v);

        assertEquals(List.of("subject", "status", "numbers", "check"),
                java.util.Arrays.stream(v.table().getColumns()).map(c -> c.getText()).toList());
        assertEquals("sub-02", cell(v, 1, 0));
        assertEquals("failed", cell(v, 1, 1));
        assertEquals("finished", cell(v, 1, 2));
        assertEquals("failed", cell(v, 1, 3));
        assertEquals(display.getSystemColor(SWT.COLOR_RED), v.table().getItem(1).getBackground(3));
        assertEquals("done", cell(v, 0, 1));
        assertEquals("finished", cell(v, 2, 3));
        assertTrue(v.buttons()[1].getEnabled(), "rerun failed is offered");
        assertTrue(v.status().contains("1 subject to rerun"), v.status());
        assertTrue(Files.readString(dir.resolve("out/summary.tsv")).contains("sub-02\tfailed"));

        // Fix the subject's value and rerun the failed cells: the finished subjects come from the cache.
        Files.writeString(bids.resolve("participants.tsv"), "participant_id\tcount\tmode\nsub-01\t2\tok\nsub-02\t3\tok\nsub-03\t4\tok\n");
        v.buttons()[1].notifyListeners(SWT.Selection, new Event());
        waitFor(v);
        assertEquals("done", cell(v, 1, 1));
        assertEquals("finished", cell(v, 1, 3));
        assertEquals("cached", cell(v, 0, 1));
        assertEquals("cached", cell(v, 0, 3));
        assertFalse(v.buttons()[1].getEnabled());

        // Double-clicking a cell opens that node's output values for that subject (from the cache).
        Map<String, Object> opened = new java.util.HashMap<>();
        String[] title = new String[1];
        v.setOpener((t, values) -> {
            title[0] = t;
            opened.putAll(values);
        });
        TableItem item = v.table().getItem(2);
        org.eclipse.swt.graphics.Rectangle b = item.getBounds(3);
        Event dbl = new Event();
        dbl.x = b.x + b.width / 2;
        dbl.y = b.y + b.height / 2;
        dbl.button = 1;
        v.table().notifyListeners(SWT.MouseDoubleClick, dbl);
        long giveUp = System.nanoTime() + 30_000_000_000L;
        while (opened.isEmpty() && System.nanoTime() < giveUp) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        assertEquals("sub-03 · check", title[0]);
        assertEquals(4, ((Table) opened.get("table")).rowCount(), "sub-03's count is 4");
    }

    @Test
    void aCellsUpstreamIsCutOutOfThePipeline() {
        Pipeline p = pipeline().withNode(Pipeline.Node.of("other", "t.numbers", "1.0.0", Map.of()));
        Pipeline up = CellValues.upstream(p, "check");
        assertEquals(List.of("numbers", "check"), up.nodes().stream().map(Pipeline.Node::id).toList());
        assertEquals(1, up.edges().size());
        assertEquals(p.seed(), up.seed());
    }

    @Test
    void aMissingTableIsSaidInTheStatusLineAndNothingRuns() {
        BatchView v = new BatchView(shell, registry(), null, pipeline(), null, 1);
        v.setSubjects(dir.resolve("missing.tsv"));
        v.setOutput(dir.resolve("out"));
        v.run(false);
        assertFalse(v.isRunning());
        assertTrue(v.status().contains("does not exist"), v.status());
        assertNotNull(v.table());
    }
}
