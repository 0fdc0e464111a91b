package org.gyrus.batch;

import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeType;
import org.scijava.plugin.Parameter;

/** Test-only node types for the command line. */
final class TestNodes {

    private TestNodes() {
    }

    /** Parameters of {@link Numbers}. */
    public static final class NumbersParameters {
        @Parameter(label = "Count", description = "How many numbers", min = "1", max = "1000")
        public int count = 3;
        @Parameter(description = "Added to every number")
        public double offset = 0;
    }

    /** {@code t.numbers}: a table of {@code count} numbers from offset. */
    static final class Numbers implements NodeType {
        @Override
        public NodeDescriptor descriptor() {
            return NodeDescriptor.builder("t.numbers", "1.0.0").name("Numbers").category("Test")
                    .documentation("Makes a one-column table.").output("table", Table.class, "the numbers")
                    .parameters(NumbersParameters.class).build();
        }

        @Override
        public void execute(NodeContext c) {
            NumbersParameters p = c.parameters(NumbersParameters.class);
            double[] v = new double[p.count];
            for (int i = 0; i < v.length; i++) {
                v[i] = i + p.offset;
            }
            c.output("table", Table.of(new NumericColumn("x", v)));
        }
    }

    /** Parameters of {@link Check}. */
    public static final class CheckParameters {
        @Parameter(description = "The node fails when this is 'fail'")
        public String mode = "ok";
    }

    /** {@code t.check}: passes its table on, or fails when mode is "fail". */
    static final class Check implements NodeType {
        @Override
        public NodeDescriptor descriptor() {
            return NodeDescriptor.builder("t.check", "1.0.0").input("table", Table.class, "").output("table", Table.class, "")
                    .parameters(CheckParameters.class).build();
        }

        @Override
        public void execute(NodeContext c) {
            String mode = c.parameters(CheckParameters.class).mode;
            if (mode.equals("fail")) {
                throw new IllegalStateException("the table has no column 'volume'");
            }
            if (mode.startsWith("fail:")) {
                throw new IllegalStateException(mode.substring(5));
            }
            if (mode.startsWith("wait:")) {
                // Runs for that many milliseconds, stopping when cancelled (a long fit).
                long end = System.nanoTime() + Long.parseLong(mode.substring(5)) * 1_000_000L;
                while (System.nanoTime() < end) {
                    c.checkCancelled();
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.util.concurrent.CancellationException();
                    }
                }
            }
            c.output("table", c.input("table", Table.class));
        }
    }

    static NodeRegistry registry() {
        NodeRegistry r = new NodeRegistry();
        r.add(new Numbers(), "org.gyrus.test", "1.0.0");
        r.add(new Check(), "org.gyrus.test", "1.0.0");
        return r;
    }
}
