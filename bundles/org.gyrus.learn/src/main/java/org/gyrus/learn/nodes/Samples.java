package org.gyrus.learn.nodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;

/**
 * The samples a learning node reads, in double precision: from a feature matrix (labels, when
 * needed, from the label column of a second table matched by row id) or from a table (its numeric
 * feature columns, and its label column). Also the columns of a table to carry into predictions
 * (its group columns).
 *
 * @param x        n × p row-major
 * @param n        samples
 * @param p        features
 * @param features the feature names
 * @param ids      the row ids
 * @param label    the label of each row (a column of n rows), or null when unknown
 * @param carried  columns to carry along into a predictions table (the table's group columns)
 */
record Samples(double[] x, int n, int p, List<String> features, List<String> ids, Column label, List<Column> carried) {

    static final String FEATURES_HELP = "The samples as a feature matrix (connect this or 'table')";
    static final String TABLE_HELP = "The samples as a table: its numeric feature columns are the features, its label column "
            + "(role label) the target (connect this or 'features')";
    static final String LABELS_HELP = "With 'features': a table whose label column (role label) gives each row's target, matched by row id";

    /** Declares the inputs "features", "table" and "labels". */
    static NodeDescriptor.Builder inputs(NodeDescriptor.Builder b, String labelsHelp) {
        return b.optionalInput("features", FeatureMatrix.class, FEATURES_HELP)
                .optionalInput("table", Table.class, TABLE_HELP)
                .optionalInput("labels", Table.class, labelsHelp);
    }

    /**
     * Reads the samples.
     *
     * @throws IllegalArgumentException if not exactly one of "features" and "table" is connected,
     *     a table's feature column is not numeric, a table has several label columns, or a row id
     *     has no label row
     */
    static Samples read(NodeContext context) {
        Optional<FeatureMatrix> f = context.optionalInput("features", FeatureMatrix.class);
        Optional<Table> t = context.optionalInput("table", Table.class);
        Optional<Table> labels = context.optionalInput("labels", Table.class);
        if (f.isPresent() == t.isPresent()) {
            throw new IllegalArgumentException("Connect exactly one of the inputs 'features' and 'table' (" + (f.isPresent()
                    ? "both are" : "neither is") + " connected)");
        }
        if (t.isPresent()) {
            Samples s = fromTable(t.get());
            return labels.isPresent() ? s.withLabel(labelsById(labels.get(), s.ids)) : s;
        }
        FeatureMatrix m = f.get();
        int n = m.rows();
        int p = m.cols();
        float[] v = m.values();
        double[] x = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            x[i] = v[i];
        }
        Samples s = new Samples(x, n, p, m.featureNames(), m.rowIds(), null, List.of());
        return labels.isPresent() ? s.withLabel(labelsById(labels.get(), s.ids)) : s;
    }

    static Samples fromTable(Table t) {
        List<NumericColumn> features = new ArrayList<>();
        List<Column> carried = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c.role() == ColumnRole.FEATURE) {
                if (!(c instanceof NumericColumn num)) {
                    throw new IllegalArgumentException("The feature column '" + c.name() + "' is " + (c instanceof org.gyrus.data.CategoricalColumn ? "categorical" : "text")
                            + ": encode it first (one-hot or ordinal encoder), or give it another role");
                }
                features.add(num);
            } else if (c.role() == ColumnRole.GROUP) {
                carried.add(c);
            }
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("The table has no numeric feature column; its columns are " + t.columnNames());
        }
        List<Column> labels = t.columnsWithRole(ColumnRole.LABEL);
        if (labels.size() > 1) {
            throw new IllegalArgumentException("The table has several label columns " + labels.stream().map(Column::name).toList()
                    + "; give all but the target another role");
        }
        int n = t.rowCount();
        int p = features.size();
        double[] x = new double[n * p];
        for (int j = 0; j < p; j++) {
            NumericColumn c = features.get(j);
            for (int i = 0; i < n; i++) {
                x[i * p + j] = c.get(i);
            }
        }
        return new Samples(x, n, p, features.stream().map(Column::name).toList(), FeatureMatrix.rowIdsOf(t),
                labels.isEmpty() ? null : labels.get(0), List.copyOf(carried));
    }

    /** The label column of {@code labels} reordered to the rows {@code ids}. */
    static Column labelsById(Table labels, List<String> ids) {
        List<Column> cols = labels.columnsWithRole(ColumnRole.LABEL);
        if (cols.size() != 1) {
            throw new IllegalArgumentException("The 'labels' table needs exactly one label column (role label); its columns are "
                    + labels.columnNames());
        }
        return byId(labels, cols.get(0), ids);
    }

    /** The column {@code c} of the table {@code t} reordered to the rows {@code ids} (matched by the table's row ids). */
    static Column byId(Table t, Column c, List<String> ids) {
        List<String> labelIds = FeatureMatrix.rowIdsOf(t);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labelIds.size(); i++) {
            index.putIfAbsent(labelIds.get(i), i);
        }
        int[] rows = new int[ids.size()];
        for (int i = 0; i < rows.length; i++) {
            Integer r = index.get(ids.get(i));
            if (r == null) {
                throw new IllegalArgumentException("Sample '" + ids.get(i) + "' has no row in the 'labels' table (matched by its id column)");
            }
            rows[i] = r;
        }
        return c.select(rows);
    }

    /**
     * The column named {@code name} for these samples: from the 'table' input, or from the
     * 'labels' table matched by row id; empty when neither has it.
     */
    Optional<Column> column(NodeContext context, String name) {
        Optional<Table> t = context.optionalInput("table", Table.class);
        if (t.isPresent()) {
            return t.get().find(name);
        }
        Optional<Table> labels = context.optionalInput("labels", Table.class);
        return labels.flatMap(l -> l.find(name).map(c -> byId(l, c, ids)));
    }

    private Samples withLabel(Column c) {
        return new Samples(x, n, p, features, ids, c, carried);
    }

    /**
     * The label column.
     *
     * @throws IllegalArgumentException when no label is known, saying how to give one
     */
    Column requireLabel() {
        if (label == null) {
            throw new IllegalArgumentException("No labels: connect a 'table' with a label column (role label), or a 'labels' table "
                    + "beside 'features'");
        }
        return label;
    }

    /**
     * Checks that the features are those a model was fitted on.
     *
     * @throws IllegalArgumentException naming both lists when they differ
     */
    void requireFeatures(List<String> expected) {
        if (!features.equals(expected)) {
            throw new IllegalArgumentException("The model was fitted on the features " + abbreviate(expected) + " but the data have "
                    + abbreviate(features) + " (same names, same order needed)");
        }
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 8 ? names.toString() : names.subList(0, 8) + "… (" + names.size() + " features)";
    }
}
