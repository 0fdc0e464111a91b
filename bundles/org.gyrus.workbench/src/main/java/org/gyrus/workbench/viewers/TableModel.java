package org.gyrus.workbench.viewers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.Column;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;

/**
 * What a virtual table viewer shows of a {@link Table} or a {@link FeatureMatrix}: cells fetched
 * on demand by view row (a viewer asks only for the rows on screen), each column's type, role and
 * missing count, and sorting by a column through a permutation of row indices, so the data are
 * never copied: a 1,000,000-row table costs one {@code int[]} to sort.
 */
public final class TableModel {

    private final List<ColumnView> columns;
    private final int rows;
    private int[] order; // view row -> data row; null while unsorted
    private int sortColumn = -1;
    private boolean ascending = true;

    private TableModel(List<ColumnView> columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** The model of a table. */
    public static TableModel of(Table table) {
        List<ColumnView> cols = new ArrayList<>();
        for (Column c : table.columns()) {
            cols.add(new DataColumn(c));
        }
        return new TableModel(cols, table.rowCount());
    }

    /** The model of a feature matrix: its row ids, then one column per feature. */
    public static TableModel of(FeatureMatrix m) {
        List<ColumnView> cols = new ArrayList<>();
        cols.add(new IdColumn(m.rowIds()));
        float[] values = m.values();
        List<String> names = m.featureNames();
        for (int f = 0; f < names.size(); f++) {
            cols.add(new FeatureColumn(names.get(f), values, f, m.cols()));
        }
        return new TableModel(cols, m.rows());
    }

    /** The number of rows. */
    public int rowCount() {
        return rows;
    }

    /** The number of columns. */
    public int columnCount() {
        return columns.size();
    }

    /** The name of column {@code c}. */
    public String columnName(int c) {
        return columns.get(c).name();
    }

    /** The type of column {@code c} as shown in its header: "number", "category (3 levels)", "text", "float32". */
    public String columnType(int c) {
        return columns.get(c).type();
    }

    /** The role of column {@code c} ("feature", "id", "label", "group"). */
    public String columnRole(int c) {
        return columns.get(c).role();
    }

    /** The number of missing cells of column {@code c} (counted once, when first asked). */
    public int missingCount(int c) {
        return columns.get(c).missing();
    }

    /** The header text: name, type and missing count. */
    public String header(int c) {
        int missing = missingCount(c);
        return columnName(c) + " [" + columnType(c) + (missing > 0 ? ", " + missing + " missing" : "") + "]";
    }

    /** The data row shown at {@code viewRow}. */
    public int dataRow(int viewRow) {
        return order == null ? viewRow : order[viewRow];
    }

    /** The cell at view row {@code viewRow}, column {@code c}, as text; {@code null} when missing. */
    public String cell(int viewRow, int c) {
        return columns.get(c).format(dataRow(viewRow));
    }

    /** Whether column {@code c} holds numbers (right-aligned). */
    public boolean isNumeric(int c) {
        return columns.get(c).numeric();
    }

    /** The column sorted by, -1 when in data order. */
    public int sortColumn() {
        return sortColumn;
    }

    /** Whether the sort is ascending. */
    public boolean ascending() {
        return ascending;
    }

    /**
     * Sorts the view by column {@code c}: stable (ties keep their order), missing cells last in
     * both directions, numbers by value, categories and text by their text. {@code c = -1}
     * returns to data order.
     */
    public void sort(int c, boolean up) {
        if (c < 0) {
            order = null;
            sortColumn = -1;
            ascending = true;
            return;
        }
        ColumnView col = columns.get(c);
        int[] idx = new int[rows];
        for (int i = 0; i < rows; i++) {
            idx[i] = i;
        }
        RowOrder cmp = col.order();
        RowOrder directed = up ? cmp : (a, b) -> {
            boolean ma = col.isMissing(a);
            boolean mb = col.isMissing(b);
            return ma || mb ? cmp.compare(a, b) : cmp.compare(b, a);
        };
        mergeSort(idx, new int[rows], 0, rows, directed);
        order = idx;
        sortColumn = c;
        ascending = up;
    }

    /** Compares two data rows. */
    @FunctionalInterface
    interface RowOrder {
        int compare(int a, int b);
    }

    /** A stable merge sort of {@code a[from, to)} (insertion sort below 32 rows). */
    private static void mergeSort(int[] a, int[] tmp, int from, int to, RowOrder cmp) {
        if (to - from <= 32) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, cmp);
        mergeSort(a, tmp, mid, to, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && cmp.compare(tmp[i], tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /** One column as the viewer sees it. */
    private abstract static class ColumnView {
        private int missing = -1;

        abstract String name();

        abstract String type();

        abstract String role();

        abstract boolean numeric();

        abstract boolean isMissing(int row);

        abstract String format(int row);

        /** Ascending order, missing last. */
        abstract RowOrder order();

        final int missing() {
            if (missing < 0) {
                int n = 0;
                int size = size();
                for (int i = 0; i < size; i++) {
                    if (isMissing(i)) {
                        n++;
                    }
                }
                missing = n;
            }
            return missing;
        }

        abstract int size();
    }

    private static final class DataColumn extends ColumnView {
        private final Column column;

        DataColumn(Column column) {
            this.column = column;
        }

        @Override
        String name() {
            return column.name();
        }

        @Override
        String type() {
            if (column instanceof NumericColumn) {
                return "number";
            }
            if (column instanceof CategoricalColumn c) {
                return "category (" + c.levels().size() + (c.levels().size() == 1 ? " level)" : " levels)");
            }
            return "text";
        }

        @Override
        String role() {
            return column.role().name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        boolean numeric() {
            return column instanceof NumericColumn;
        }

        @Override
        boolean isMissing(int row) {
            return column.isMissing(row);
        }

        @Override
        String format(int row) {
            return column.format(row);
        }

        @Override
        int size() {
            return column.size();
        }

        @Override
        RowOrder order() {
            if (column instanceof NumericColumn n) {
                return (a, b) -> {
                    double x = n.get(a);
                    double y = n.get(b);
                    boolean mx = Double.isNaN(x);
                    boolean my = Double.isNaN(y);
                    if (mx || my) {
                        return Boolean.compare(mx, my);
                    }
                    return Double.compare(x, y);
                };
            }
            if (column instanceof CategoricalColumn c) {
                // Rank the levels by their text once; rows then compare as ints.
                List<String> levels = c.levels();
                Integer[] byText = new Integer[levels.size()];
                for (int i = 0; i < byText.length; i++) {
                    byText[i] = i;
                }
                Arrays.sort(byText, (x, y) -> levels.get(x).compareTo(levels.get(y)));
                int[] rank = new int[levels.size()];
                for (int r = 0; r < byText.length; r++) {
                    rank[byText[r]] = r;
                }
                return (a, b) -> {
                    int x = c.code(a);
                    int y = c.code(b);
                    int rx = x == CategoricalColumn.MISSING ? Integer.MAX_VALUE : rank[x];
                    int ry = y == CategoricalColumn.MISSING ? Integer.MAX_VALUE : rank[y];
                    return Integer.compare(rx, ry);
                };
            }
            TextColumn t = (TextColumn) column;
            return (a, b) -> {
                String x = t.get(a);
                String y = t.get(b);
                if (x == null || y == null) {
                    return Boolean.compare(x == null, y == null);
                }
                return x.compareTo(y);
            };
        }
    }

    private static final class IdColumn extends ColumnView {
        private final List<String> ids;

        IdColumn(List<String> ids) {
            this.ids = ids;
        }

        @Override
        String name() {
            return "id";
        }

        @Override
        String type() {
            return "text";
        }

        @Override
        String role() {
            return "id";
        }

        @Override
        boolean numeric() {
            return false;
        }

        @Override
        boolean isMissing(int row) {
            return ids.get(row) == null;
        }

        @Override
        String format(int row) {
            return ids.get(row);
        }

        @Override
        int size() {
            return ids.size();
        }

        @Override
        RowOrder order() {
            return (a, b) -> {
                String x = ids.get(a);
                String y = ids.get(b);
                if (x == null || y == null) {
                    return Boolean.compare(x == null, y == null);
                }
                return x.compareTo(y);
            };
        }
    }

    private static final class FeatureColumn extends ColumnView {
        private final String name;
        private final float[] values;
        private final int offset;
        private final int stride;

        FeatureColumn(String name, float[] values, int offset, int stride) {
            this.name = name;
            this.values = values;
            this.offset = offset;
            this.stride = stride;
        }

        private float get(int row) {
            return values[row * stride + offset];
        }

        @Override
        String name() {
            return name;
        }

        @Override
        String type() {
            return "float32";
        }

        @Override
        String role() {
            return "feature";
        }

        @Override
        boolean numeric() {
            return true;
        }

        @Override
        boolean isMissing(int row) {
            return Float.isNaN(get(row));
        }

        @Override
        String format(int row) {
            float v = get(row);
            return Float.isNaN(v) ? null : Float.toString(v);
        }

        @Override
        int size() {
            return values.length / Math.max(1, stride);
        }

        @Override
        RowOrder order() {
            return (a, b) -> {
                float x = get(a);
                float y = get(b);
                boolean mx = Float.isNaN(x);
                boolean my = Float.isNaN(y);
                if (mx || my) {
                    return Boolean.compare(mx, my);
                }
                return Float.compare(x, y);
            };
        }
    }
}
