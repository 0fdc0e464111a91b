package org.gyrus.testnodes;

import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Multiplies one numeric column by a factor: the smallest useful node a plug-in could add. */
@Component(service = NodeType.class)
public final class ScaleColumnNode implements NodeType {

    /** The parameters. */
    public static final class Parameters {
        /** The column to scale. */
        @Parameter(label = "Column")
        public String column;
        /** The factor. */
        @Parameter(label = "Factor", min = "-1000", max = "1000")
        public double factor = 2;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.testnodes.scale-column", "1.0.0")
            .name("Scale column").category("Test plug-in")
            .documentation("Multiplies a numeric column by a constant factor.")
            .input("table", Table.class, "The table").output("table", Table.class, "The table with the column scaled")
            .parameters(Parameters.class).build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Table t = context.input("table", Table.class);
        NumericColumn c = t.numeric(p.column);
        double[] v = c.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= p.factor;
        }
        context.output("table", t.with(NumericColumn.wrap(c.name(), c.role(), v)));
    }
}
