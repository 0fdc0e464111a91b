package org.gyrus.preprocess.nodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
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
    public void configure(SpecContext context) {
        Parameters p = context.parameters(Parameters.class);
        Set<ColumnRole> roles = EnumSet.noneOf(ColumnRole.class);
        for (String r : p.roles.split(",")) {
            if (!r.isBlank()) {
                try {
                    roles.add(ColumnRole.valueOf(r.trim().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    context.problem("parameters.roles", "'" + r.trim() + "' is not a role; use id, feature, label or group");
                }
            }
        }
        Set<ColumnSelector.Type> types = EnumSet.noneOf(ColumnSelector.Type.class);
        for (String t : p.types.split(",")) {
            if (!t.isBlank()) {
                try {
                    types.add(ColumnSelector.Type.parse(t));
                } catch (IllegalArgumentException e) {
                    context.problem("parameters.types", e.getMessage());
                }
            }
        }
        Pattern pattern = null;
        if (!p.pattern.isBlank()) {
            try {
                pattern = Pattern.compile(p.pattern);
            } catch (PatternSyntaxException e) {
                context.problem("parameters.pattern", "invalid regular expression '" + p.pattern + "': " + e.getDescription());
            }
        }
        List<String> names = p.names.isBlank() ? null
                : Arrays.stream(p.names.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        Optional<TableSpec> in = context.input("table", TableSpec.class);
        if (in.isEmpty()) {
            return;
        }
        TableSpec t = in.get();
        if (names != null) {
            List<String> absent = names.stream().filter(n -> !t.mayHave(n)).toList();
            if (!absent.isEmpty()) {
                context.problem("parameters.names", "the table has no column " + SpecSupport.quoted(absent) + "; its columns are "
                        + t.describe());
                return;
            }
            if (names.stream().anyMatch(n -> t.column(n).isEmpty())) {
                return; // a named column of an incomplete spec: its kind and role are known only at run time
            }
        }
        List<ColumnSpec> candidates = names != null && !p.exclude ? names.stream().map(n -> t.column(n).orElseThrow()).toList() : t.columns();
        List<ColumnSpec> kept = new ArrayList<>();
        boolean uncertain = false;
        for (ColumnSpec c : candidates) {
            boolean typeKnown = types.isEmpty() || c.kind() != null;
            boolean m = (names == null || names.contains(c.name()))
                    && (pattern == null || pattern.matcher(c.name()).matches())
                    && (roles.isEmpty() || roles.contains(c.role()))
                    && (types.isEmpty() || c.kind() == null || types.contains(ColumnSelector.Type.valueOf(c.kind().name())));
            uncertain |= !typeKnown;
            // A column whose kind is not known yet is kept in the spec: it may arrive.
            if (m != p.exclude || !typeKnown) {
                kept.add(c);
            }
        }
        boolean complete = names != null && !p.exclude || t.complete();
        if (kept.isEmpty() && complete && !uncertain) {
            context.problem("parameters", "the selection keeps no column of " + t.describe());
            return;
        }
        context.output("table", new TableSpec(kept, complete));
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
