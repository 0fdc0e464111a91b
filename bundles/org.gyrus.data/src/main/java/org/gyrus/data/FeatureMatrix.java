package org.gyrus.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Dense float32 samples × features, row-major, with row ids and feature names: what learners
 * consume. Missing values are NaN.
 *
 * <p>Rows may carry a <em>sample shape</em>: the shape of one sample, channels first (1 × 8 × 8 for
 * an 8×8 slice, 1 × 16 × 16 × 16 for a patch), whose product is the number of features. That is how
 * images and patches travel to networks that consume them, without a parallel image type.
 */
public final class FeatureMatrix {

    private final float[] data;
    private final int rows;
    private final int cols;
    private final List<String> rowIds;
    private final List<String> featureNames;
    private final int[] sampleShape;

    /**
     * A matrix over {@code data} (row-major, not copied: the matrix takes ownership).
     *
     * @throws IllegalArgumentException if the sizes disagree
     */
    public FeatureMatrix(float[] data, List<String> rowIds, List<String> featureNames) {
        this(data, rowIds, featureNames, null);
    }

    /**
     * A matrix over {@code data} whose rows are samples of {@code sampleShape} (channels first), or
     * flat rows when it is {@code null}.
     *
     * @throws IllegalArgumentException if the sizes disagree, or a dimension is not positive
     */
    public FeatureMatrix(float[] data, List<String> rowIds, List<String> featureNames, int[] sampleShape) {
        this.rowIds = List.copyOf(rowIds);
        this.featureNames = List.copyOf(featureNames);
        this.rows = rowIds.size();
        this.cols = featureNames.size();
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("A " + rows + " × " + cols + " matrix needs " + (long) rows * cols
                    + " values, not " + data.length);
        }
        this.data = data;
        this.sampleShape = sampleShape == null ? null : checkShape(sampleShape.clone(), cols);
    }

    private static int[] checkShape(int[] shape, int cols) {
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("A sample shape needs positive dimensions, not " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (shape.length == 0 || size != cols) {
            throw new IllegalArgumentException("A sample shape of " + Arrays.toString(shape) + " holds " + size
                    + " values, but each row has " + cols + " features");
        }
        return shape;
    }

    /**
     * This matrix with rows of {@code shape} (channels first), sharing the data.
     *
     * @throws IllegalArgumentException if the shape does not hold exactly one row
     */
    public FeatureMatrix withSampleShape(int... shape) {
        return new FeatureMatrix(data, rowIds, featureNames, shape);
    }

    /** Whether the rows carry a sample shape. */
    public boolean hasSampleShape() {
        return sampleShape != null;
    }

    /** The shape of one row (a copy): its sample shape, or {@code [cols]} for flat rows. */
    public int[] sampleShape() {
        return sampleShape == null ? new int[] {cols} : sampleShape.clone();
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
        return "FeatureMatrix[" + rows + " × " + cols + (sampleShape == null ? "" : ", samples " + Arrays.toString(sampleShape)) + "]";
    }
}
