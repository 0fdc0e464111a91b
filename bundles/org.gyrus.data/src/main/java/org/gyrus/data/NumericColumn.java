package org.gyrus.data;

import java.util.Arrays;
import java.util.Objects;

/** A column of doubles; a missing cell is NaN. */
public final class NumericColumn implements Column {

    private final String name;
    private final ColumnRole role;
    private final double[] values;

    /** A feature column holding a copy of {@code values}. */
    public NumericColumn(String name, double[] values) {
        this(name, ColumnRole.FEATURE, values.clone());
    }

    /** A column with the given role holding a copy of {@code values}. */
    public NumericColumn(String name, ColumnRole role, double[] values) {
        this(values.clone(), name, role);
    }

    /** Takes {@code values} without copying. */
    private NumericColumn(double[] values, String name, ColumnRole role) {
        this.name = Table.checkName(name);
        this.role = Objects.requireNonNull(role, "role");
        this.values = values;
    }

    /**
     * A column that takes ownership of {@code values} without copying it: for large columns that
     * the caller has just computed and will not touch again.
     */
    public static NumericColumn wrap(String name, ColumnRole role, double[] values) {
        return new NumericColumn(values, name, role);
    }

    @Override public String name() { return name; }
    @Override public ColumnRole role() { return role; }
    @Override public int size() { return values.length; }
    @Override public boolean isMissing(int row) { return Double.isNaN(values[row]); }

    /** The value in {@code row}, NaN when missing. */
    public double get(int row) {
        return values[row];
    }

    /** A copy of all values. */
    public double[] toArray() {
        return values.clone();
    }

    /** Copies all values into {@code target} from {@code offset}: the cheap way to gather columns. */
    public void copyTo(double[] target, int offset) {
        System.arraycopy(values, 0, target, offset, values.length);
    }

    @Override
    public String format(int row) {
        double v = values[row];
        if (Double.isNaN(v)) {
            return null;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    @Override public NumericColumn withRole(ColumnRole newRole) { return new NumericColumn(values, name, newRole); }
    @Override public NumericColumn withName(String newName) { return new NumericColumn(values, newName, role); }

    @Override
    public NumericColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new NumericColumn(out, name, role);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumericColumn c && c.name.equals(name) && c.role == role && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, role, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "NumericColumn[" + name + ", " + role + ", " + values.length + " rows]";
    }
}
