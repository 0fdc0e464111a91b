package org.gyrus.preprocess.nodes;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.preprocess.ColumnSelector;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Keeps (or drops) columns by name, pattern, role and type. */
@Component(service = NodeType.class)
public final class SelectColumnsNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Names. */
        @Parameter(label = "Names", description = "Comma-separated column names, in the output order; empty for any")
        public String names = "";
        /** Pattern. */
        @Parameter(label = "Pattern", description = "A regular expression the whole column name must match; empty for any")
        public String pattern = "";
        /** Roles. */
        @Parameter(label = "Roles", description = "Comma-separated roles (id, feature, label, group); empty for any")
        public String roles = "";
        /** Types. */
        @Parameter(label = "Types", description = "Comma-separated types (numeric, categorical, text); empty for any")
        public String types = "";
        /** Invert. */
        @Parameter(label = "Exclude", description = "Drop the matching columns instead of keeping them")
        public boolean exclude;
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.preprocess.select-columns", "1.0.0")
            .name("Select columns")
            .category(NodeSupport.CATEGORY, "Tables")
            .documentation("""
                    Keeps the columns that meet every criterion given — names, a regular expression on the name, \
                    roles, types — or, with 'Exclude', drops them. A named column that does not exist, or a \
                    selection that keeps nothing, is an error naming the criterion.""")
            .input("table", Table.class, "The table")
            .output("table", Table.class, "The selected columns")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        ColumnSelector s = new ColumnSelector().exclude(p.exclude);
        if (!p.names.isBlank()) {
            s.names(Arrays.stream(p.names.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList());
        }
        if (!p.pattern.isBlank()) {
            s.pattern(p.pattern);
        }
        Set<ColumnRole> roles = EnumSet.noneOf(ColumnRole.class);
        for (String r : p.roles.split(",")) {
            if (!r.isBlank()) {
                roles.add(ColumnRole.valueOf(r.trim().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        s.roles(roles);
        Set<ColumnSelector.Type> types = EnumSet.noneOf(ColumnSelector.Type.class);
        for (String t : p.types.split(",")) {
            if (!t.isBlank()) {
                types.add(ColumnSelector.Type.parse(t));
            }
        }
        s.types(types);
        context.output("table", s.apply(context.input("table", Table.class)));
        context.progress(1);
    }
}
