package org.gyrus.io.table;

/** What kind of column a CSV column becomes. */
public enum ColumnType {
    /** Numbers (missing cells NaN). */
    NUMERIC,
    /** A small set of repeated values, stored as codes. */
    CATEGORICAL,
    /** Free text. */
    TEXT
}
