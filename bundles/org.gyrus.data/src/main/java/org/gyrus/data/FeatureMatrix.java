package org.gyrus.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Dense float32 samples × features, row-major, with row ids and feature names: what learners
 * consume. Missing values are NaN.
 */
public final class FeatureMatrix {

    private final float[] data;
    private final int rows;
    private final int cols;
    private final List<String> rowIds;
    private final List<String> featureNames;

    /**
     * A matrix over {@code data} (row-major, not copied: the matrix takes ownership).
     *
     * @throws IllegalArgumentException if the sizes disagree
     */
    public FeatureMatrix(float[] data, List<String> rowIds, List<String> featureNames) {
        this.rowIds = List.copyOf(rowIds);
        this.featureNames = List.copyOf(featureNames);
        this.rows = rowIds.size();
        this.cols = featureNames.size();
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("A " + rows + " × " + cols + " matrix needs " + (long) rows * cols
                    + " values, not " + data.length);
        }
        this.data = data;
    }

    /**
     * The matrix of a table's numeric feature columns (role {@link ColumnRole#FEATURE}), in table
     * order. Row ids come from the table's id column, or are the row numbers from 0 when it has none.
     *
     * @throws IllegalArgumentException if the table has no numeric feature column
     */
    public static FeatureMatrix fromTable(Table table) {
        List<NumericColumn> features = new ArrayList<>();
        for (Column c : table.columns()) {
            if (c.role() == ColumnRole.FEATURE && c instanceof NumericColumn n) {
                features.add(n);
            }
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("The table has no numeric feature column to make features of; its columns are "
                    + table.columnNames());
        }
        int rows = table.rowCount();
        int cols = features.size();
        float[] data = new float[Math.multiplyExact(rows, cols)];
        for (int j = 0; j < cols; j++) {
            NumericColumn c = features.get(j);
            for (int i = 0; i < rows; i++) {
                data[i * cols + j] = (float) c.get(i);
            }
        }
        return new FeatureMatrix(data, rowIdsOf(table), features.stream().map(Column::name).toList());
    }

    /** The ids of a table's rows: its id column's values, or the row numbers. */
    public static List<String> rowIdsOf(Table table) {
        List<String> ids = new ArrayList<>(table.rowCount());
        Column id = table.idColumn().orElse(null);
        for (int i = 0; i < table.rowCount(); i++) {
            String s = id == null ? null : id.format(i);
            ids.add(s == null ? Integer.toString(i) : s);
        }
        return ids;
    }

    /** This matrix as a table: an id column {@code id} then one numeric feature column per feature. */
    public Table toTable() {
        List<Column> cs = new ArrayList<>(cols + 1);
        cs.add(new TextColumn("id", ColumnRole.ID, rowIds.toArray(String[]::new)));
        for (int j = 0; j < cols; j++) {
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) {
                v[i] = data[i * cols + j];
            }
            cs.add(NumericColumn.wrap(featureNames.get(j), ColumnRole.FEATURE, v));
        }
        return new Table(cs);
    }

    /** The number of samples. */
    public int rows() {
        return rows;
    }

    /** The number of features. */
    public int cols() {
        return cols;
    }

    /** The value at ({@code row}, {@code col}). */
    public float get(int row, int col) {
        Objects.checkIndex(col, cols);
        return data[row * cols + col];
    }

    /** A copy of the data, row-major, to change freely. */
    public float[] toArray() {
        return data.clone();
    }

    /**
     * The data, row-major, without a copy: the matrix's own array, for kernels that only read it.
     * It must not be modified: a matrix is shared by every node that consumes it and by the
     * result cache. Use {@link #toArray()} for a copy to change.
     */
    public float[] values() {
        return data;
    }

    /** The row ids. */
    public List<String> rowIds() {
        return rowIds;
    }

    /** The feature names. */
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + " × " + cols + "]";
    }
}
