package org.gyrus.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of a predictions table, the one way predictions cross from a learner to the
 * evaluation nodes (see {@code docs/predictions-table.md}):
 * <ul>
 * <li>an id column (role {@link ColumnRole#ID}), one row per predicted sample;</li>
 * <li>the true label (role {@link ColumnRole#LABEL}) when it is known;</li>
 * <li>the predicted class, a categorical column named {@value #PREDICTED};</li>
 * <li>one probability column per class, numeric, named {@value #PROBABILITY_PREFIX} + the class
 * name, in the learner's class order (the order of its output units);</li>
 * <li>any other columns (site, sex, subject) carried along unchanged, typically with role
 * {@link ColumnRole#GROUP}.</li>
 * </ul>
 * Learners build the table with {@link #table}; evaluators read it with {@link #of}, which checks
 * the layout and names the offending column when it is broken.
 */
public final class Predictions {

    /** Name of the predicted-class column. */
    public static final String PREDICTED = "predicted";

    /** Prefix of each probability column's name; the rest of the name is the class. */
    public static final String PROBABILITY_PREFIX = "proba_";

    /** How far a row's probabilities may sum from 1 (float32 soft-max outputs miss it by ~1e-7). */
    static final double SUM_TOLERANCE = 1e-3;

    private final Table table;
    private final List<String> classes;
    private final List<NumericColumn> probabilities;
    private final Column label;

    private Predictions(Table table, List<String> classes, List<NumericColumn> probabilities, Column label) {
        this.table = table;
        this.classes = List.copyOf(classes);
        this.probabilities = List.copyOf(probabilities);
        this.label = label;
    }

    /**
     * A predictions table in the documented layout.
     *
     * @param id            the row ids (its role is set to {@link ColumnRole#ID})
     * @param label         the true labels, or {@code null} when unknown (its role is set to
     *                      {@link ColumnRole#LABEL}); its cells must name classes
     * @param classes       the class names in the order of the probability columns
     * @param probabilities per class a column of probabilities: {@code probabilities[k][row]}
     * @param extra         further columns to carry (groups, subject), kept as they are
     * @return the table; the predicted class is the most probable one (the first on ties)
     */
    public static Table table(Column id, Column label, List<String> classes, double[][] probabilities, List<? extends Column> extra) {
        if (classes.size() < 2 || probabilities.length != classes.size()) {
            throw new IllegalArgumentException("Predictions need at least two classes and one probability column per class; got "
                    + classes.size() + " classes and " + probabilities.length + " probability columns");
        }
        int n = id.size();
        List<Column> cols = new ArrayList<>();
        cols.add(id.withRole(ColumnRole.ID));
        if (label != null) {
            cols.add(label.withRole(ColumnRole.LABEL));
        }
        int[] predicted = new int[n];
        for (int r = 0; r < n; r++) {
            int best = 0;
            for (int k = 1; k < classes.size(); k++) {
                if (probabilities[k][r] > probabilities[best][r]) {
                    best = k;
                }
            }
            predicted[r] = best;
        }
        cols.add(new CategoricalColumn(PREDICTED, ColumnRole.FEATURE, classes, predicted));
        for (int k = 0; k < classes.size(); k++) {
            cols.add(new NumericColumn(PROBABILITY_PREFIX + classes.get(k), ColumnRole.FEATURE, probabilities[k]));
        }
        cols.addAll(extra);
        Table t = new Table(cols);
        of(t);
        return t;
    }

    /**
     * Reads {@code table} as predictions and checks the layout.
     *
     * @throws IllegalArgumentException naming the column: fewer than two probability columns, a
     *         probability outside [0, 1] or missing, a row whose probabilities do not sum to 1, more
     *         than one label column, a label or predicted class that is not one of the classes
     */
    public static Predictions of(Table table) {
        List<String> classes = new ArrayList<>();
        List<NumericColumn> probs = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c.name().startsWith(PROBABILITY_PREFIX) && c.name().length() > PROBABILITY_PREFIX.length()) {
                if (!(c instanceof NumericColumn n)) {
                    throw new IllegalArgumentException("Probability column '" + c.name() + "' is " + Table.kind(c) + ", not numeric");
                }
                classes.add(c.name().substring(PROBABILITY_PREFIX.length()));
                probs.add(n);
            }
        }
        if (probs.size() < 2) {
            throw new IllegalArgumentException("This is not a predictions table: it needs one probability column per class, named '"
                    + PROBABILITY_PREFIX + "<class>', and has " + probs.size() + "; its columns are " + table.columnNames());
        }
        int rows = table.rowCount();
        for (NumericColumn p : probs) {
            for (int r = 0; r < rows; r++) {
                double v = p.get(r);
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("Probability column '" + p.name() + "' is missing (NaN) in row " + (r + 1) + idText(table, r));
                }
                if (v < 0 || v > 1) {
                    throw new IllegalArgumentException("Probability column '" + p.name() + "' has " + v + " in row " + (r + 1) + idText(table, r)
                            + ": probabilities must lie in [0, 1]");
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (NumericColumn p : probs) {
                sum += p.get(r);
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                throw new IllegalArgumentException("The probability columns " + names(probs) + " sum to " + sum + " in row " + (r + 1)
                        + idText(table, r) + ", not 1");
            }
        }
        List<Column> labels = table.columnsWithRole(ColumnRole.LABEL);
        if (labels.size() > 1) {
            throw new IllegalArgumentException("A predictions table has at most one label column; this one has " + names(labels));
        }
        Column label = labels.isEmpty() ? null : labels.get(0);
        Predictions p = new Predictions(table, classes, probs, label);
        if (label != null) {
            p.classCodes(label, true);
        }
        table.find(PREDICTED).ifPresent(c -> p.classCodes(c, false));
        return p;
    }

    /** The whole table, with any extra columns. */
    public Table table() {
        return table;
    }

    /** The class names, in the order of the probability columns. */
    public List<String> classes() {
        return classes;
    }

    /** The number of rows. */
    public int size() {
        return table.rowCount();
    }

    /** The id column, if the table has one. */
    public Optional<Column> id() {
        return table.idColumn();
    }

    /** The true-label column, if the labels are known. */
    public Optional<Column> label() {
        return Optional.ofNullable(label);
    }

    /** The probability column of class {@code k}. */
    public NumericColumn probabilityColumn(int k) {
        return probabilities.get(k);
    }

    /** A copy of the probabilities of class {@code k}, one per row. */
    public double[] probabilities(int k) {
        return probabilities.get(k).toArray();
    }

    /**
     * The true class of each row as an index into {@link #classes()}, {@code -1} where the label
     * is missing.
     *
     * @throws IllegalArgumentException if the table has no label column
     */
    public int[] labelCodes() {
        if (label == null) {
            throw new IllegalArgumentException("The predictions table has no true labels (no column with role LABEL); its columns are "
                    + table.columnNames() + ". Evaluation needs the true label of each row.");
        }
        return classCodes(label, true);
    }

    /**
     * The predicted class of each row as an index into {@link #classes()}: the {@value #PREDICTED}
     * column when there is one, otherwise the most probable class.
     */
    public int[] predictedCodes() {
        Optional<Column> c = table.find(PREDICTED);
        if (c.isPresent()) {
            return classCodes(c.get(), false);
        }
        int[] out = new int[size()];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int k = 1; k < classes.size(); k++) {
                if (probabilities.get(k).get(r) > probabilities.get(best).get(r)) {
                    best = k;
                }
            }
            out[r] = best;
        }
        return out;
    }

    private int[] classCodes(Column c, boolean missingAllowed) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            index.put(classes.get(k), k);
        }
        int[] out = new int[c.size()];
        for (int r = 0; r < out.length; r++) {
            String v = c.format(r);
            if (v == null) {
                if (!missingAllowed) {
                    throw new IllegalArgumentException("Column '" + c.name() + "' is missing in row " + (r + 1) + idText(table, r));
                }
                out[r] = -1;
                continue;
            }
            Integer k = index.get(v);
            if (k == null) {
                throw new IllegalArgumentException("Column '" + c.name() + "' has '" + v + "' in row " + (r + 1) + idText(table, r)
                        + ", which is not one of the classes " + classes + " (the probability columns)");
            }
            out[r] = k;
        }
        return out;
    }

    private static String idText(Table t, int r) {
        return t.idColumn().map(c -> " (id " + c.format(r) + ")").orElse("");
    }

    private static List<String> names(List<? extends Column> cols) {
        return cols.stream().map(Column::name).toList();
    }
}
