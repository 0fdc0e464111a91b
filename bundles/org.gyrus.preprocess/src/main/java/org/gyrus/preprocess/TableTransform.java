package org.gyrus.preprocess;

import org.gyrus.data.Table;

/** A fitted model that turns a table into another table: what an "apply" node runs. */
public interface TableTransform {

    /**
     * Applies the model to {@code table}.
     *
     * @throws IllegalArgumentException if the table lacks a column the model was fitted on, or
     *     holds a value the model cannot handle; the message names the column and the value
     */
    Table apply(Table table);

    /**
     * This model with a thread budget for {@link #apply} (a node passes its context's budget);
     * models that do not parallelise return themselves.
     */
    default TableTransform withThreads(int threads) {
        return this;
    }
}
