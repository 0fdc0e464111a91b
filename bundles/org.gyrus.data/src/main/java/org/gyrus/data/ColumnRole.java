package org.gyrus.data;

/** What a table column means to a learner. */
public enum ColumnRole {
    /** Identifies the row (a subject or sample id); never used as a feature. */
    ID,
    /** An input variable. */
    FEATURE,
    /** The target a supervised learner predicts. */
    LABEL,
    /** A grouping variable (site, family, subject of repeated rows) that splits must respect. */
    GROUP
}
