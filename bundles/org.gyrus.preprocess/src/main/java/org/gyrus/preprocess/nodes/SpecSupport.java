package org.gyrus.preprocess.nodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.ModelSpec;
import org.gyrus.data.TableSpec;
import org.gyrus.pipeline.SpecContext;

/** The spec steps of the preprocessing nodes: which columns a fit uses, what a model does to a table's columns. */
final class SpecSupport {

    private SpecSupport() {
    }

    /**
     * The columns a fit node will use.
     *
     * @param names   the columns that may be used, in order
     * @param certain whether no other column can be used (named columns, or a complete spec whose kinds are known)
     */
    record Selection(List<String> names, boolean certain) {
    }

    /**
     * The columns named in the parameter {@code columns} (each must be able to exist), or when it
     * is blank the feature columns that are or may be of kind {@code kind} (any kind when null).
     * Reports a named column that cannot exist, or a table that certainly has no suitable column.
     */
    static Optional<Selection> columns(SpecContext c, TableSpec t, String list, ColumnSpec.Kind kind) {
        if (list != null && !list.isBlank()) {
            List<String> names = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            List<String> absent = names.stream().filter(n -> !t.mayHave(n)).toList();
            if (!absent.isEmpty()) {
                c.problem("parameters.columns", "the table has no column " + quoted(absent) + "; its columns are " + t.describe());
                return Optional.empty();
            }
            return Optional.of(new Selection(names, true));
        }
        List<ColumnSpec> features = t.columnsWithRole(ColumnRole.FEATURE);
        List<String> names = features.stream().filter(s -> kind == null || s.mayBe(kind)).map(ColumnSpec::name).toList();
        boolean certain = t.complete() && (kind == null || features.stream().allMatch(s -> s.kind() != null));
        if (names.isEmpty() && certain) {
            c.problem("parameters.columns", "the table has no " + (kind == null ? "" : kind.label() + " ") + "feature column; its columns are "
                    + t.describe() + ". Name the columns to use.");
            return Optional.empty();
        }
        return Optional.of(new Selection(names, certain));
    }

    /**
     * The spec step of a fit node: from the training table's spec, the model's spec and the
     * transformed training table's spec (by {@code transform}, which also serves the apply node).
     */
    static void fit(SpecContext c, String kind, String list, ColumnSpec.Kind columnKind, Map<String, Object> details) {
        c.input("table", TableSpec.class).ifPresent(t -> columns(c, t, list, columnKind).ifPresent(s -> {
            ModelSpec model = new ModelSpec(kind, s.certain() ? s.names() : null, details);
            c.output("model", model);
            c.output("table", transform(model, t));
        }));
    }

    /**
     * What applying a model of spec {@code m} does to a table of spec {@code t}, as far as it can
     * be known: unchanged for imputers, scalers and the variance threshold (which may drop
     * columns: a spec lists the columns that can arrive); encoded columns become numeric; a
     * one-hot encoder's new columns are named only at run time.
     */
    static TableSpec transform(ModelSpec m, TableSpec t) {
        List<String> cols = m.inputs();
        return switch (m.kind()) {
            case org.gyrus.preprocess.ModelArtifacts.SIMPLE_IMPUTER -> {
                // Mean and median make numbers of what they fill; most_frequent and constant keep
                // numbers and categories, and make categories of text.
                boolean numeric = Boolean.TRUE.equals(m.details().get("numeric"));
                TableSpec out = numeric && cols == null ? t : mapColumns(t, cols, s -> numeric ? s.withKind(ColumnSpec.Kind.NUMERIC)
                        : s.is(ColumnSpec.Kind.TEXT) ? s.withKind(null) : s);
                if (Boolean.TRUE.equals(m.details().get("add_indicator"))) {
                    if (cols == null) {
                        yield out.incomplete();
                    }
                    for (String n : cols) {
                        out = out.with(new ColumnSpec("missingindicator_" + n, ColumnSpec.Kind.NUMERIC, ColumnRole.FEATURE));
                    }
                }
                yield out;
            }
            case org.gyrus.preprocess.ModelArtifacts.ONE_HOT_ENCODER -> (cols == null ? t : t.without(cols)).incomplete();
            case org.gyrus.preprocess.ModelArtifacts.ORDINAL_ENCODER -> mapColumns(t, cols,
                    s -> cols == null ? (s.mayBe(ColumnSpec.Kind.CATEGORICAL) ? s.withKind(null) : s) : s.withKind(ColumnSpec.Kind.NUMERIC));
            default -> t;
        };
    }

    /** {@code t} with {@code f} applied to the columns in {@code names} (to every column when null). */
    private static TableSpec mapColumns(TableSpec t, List<String> names, UnaryOperator<ColumnSpec> f) {
        List<ColumnSpec> out = new ArrayList<>();
        for (ColumnSpec s : t.columns()) {
            out.add(names == null || names.contains(s.name()) ? f.apply(s) : s);
        }
        return new TableSpec(out, t.complete());
    }

    /**
     * Reports a column named by parameter {@code field} that cannot exist in {@code t}; true when it can.
     */
    static boolean check(SpecContext c, TableSpec t, String name, String field, String what) {
        if (name == null || name.isBlank() || t.mayHave(name.trim())) {
            return true;
        }
        c.problem(field, "the " + what + " '" + name.trim() + "' is not a column of the table; its columns are " + t.describe());
        return false;
    }

    static String quoted(List<String> names) {
        return names.size() == 1 ? "'" + names.get(0) + "'" : names.stream().map(n -> "'" + n + "'").toList().toString();
    }
}
