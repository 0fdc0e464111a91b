package org.gyrus.preprocess.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.preprocess.TableJoin;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Joins two tables on subject id. */
@Component(service = NodeType.class)
public final class JoinNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Join kind. */
        @Parameter(label = "Join", description = "inner (only matching rows) or left (every left row)")
        public TableJoin.How how = TableJoin.How.LEFT;
        /** Left key. */
        @Parameter(label = "Left key", description = "The left table's key column; empty for its id column")
        public String leftKey = "";
        /** Right key. */
        @Parameter(label = "Right key", description = "The right table's key column; empty for its id column")
        public String rightKey = "";
        /** Suffix. */
        @Parameter(label = "Suffix", description = "Appended to right column names that clash with left ones")
        public String suffix = "_right";
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.join", "1.0.0")
            .name("Join on subject id")
            .category(NodeSupport.CATEGORY, "Tables")
            .documentation("""
                    Adds to every row of the left table (e.g. scans) the columns of the right table's row with the \
                    same subject id (e.g. demographics). Keys are the id columns unless named and compare as text. \
                    The right table must have one row per id; a repeated id is an error naming it. Left join keeps \
                    unmatched left rows with missing right cells; inner join drops them.""")
            .input("left", Table.class, "The table whose rows are kept")
            .input("right", Table.class, "One row per id")
            .output("table", Table.class, "The joined table")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void configure(SpecContext context) {
        Parameters p = context.parameters(Parameters.class);
        Optional<TableSpec> left = context.input("left", TableSpec.class);
        Optional<TableSpec> right = context.input("right", TableSpec.class);
        Optional<String> leftKey = left.flatMap(t -> key(context, t, p.leftKey, "leftKey", "left"));
        Optional<String> rightKey = right.flatMap(t -> key(context, t, p.rightKey, "rightKey", "right"));
        if (left.isEmpty() || right.isEmpty() || leftKey.isEmpty() || rightKey.isEmpty()) {
            return;
        }
        List<ColumnSpec> out = new ArrayList<>(left.get().columns());
        for (ColumnSpec c : right.get().columns()) {
            if (!c.name().equals(rightKey.get())) {
                out.add(left.get().column(c.name()).isPresent() ? c.withName(c.name() + p.suffix) : c);
            }
        }
        try {
            context.output("table", new TableSpec(out, left.get().complete() && right.get().complete()));
        } catch (IllegalArgumentException e) {
            // A renamed column clashes with another: the run decides; nothing is known before.
        }
    }

    /** The key column of one side: the named one, or the id column; empty when unknown or absent (then reported). */
    private static Optional<String> key(SpecContext context, TableSpec t, String named, String field, String side) {
        if (!named.isBlank()) {
            if (!t.mayHave(named.trim())) {
                context.problem("parameters." + field, "the " + side + " table has no key column '" + named.trim()
                        + "'; its columns are " + t.describe());
                return Optional.empty();
            }
            return t.column(named.trim()).map(ColumnSpec::name);
        }
        List<ColumnSpec> ids = t.columnsWithRole(ColumnRole.ID);
        if (ids.isEmpty() && t.complete()) {
            context.problem("parameters." + field, "the " + side + " table has no id column (role id); name its key column. "
                    + "Its columns are " + t.describe());
        }
        return ids.stream().findFirst().map(ColumnSpec::name);
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        TableJoin j = new TableJoin(p.how).suffix(p.suffix)
                .keys(p.leftKey.isBlank() ? null : p.leftKey.trim(), p.rightKey.isBlank() ? null : p.rightKey.trim());
        context.output("table", j.apply(context.input("left", Table.class), context.input("right", Table.class)));
        context.progress(1);
    }
}
