package org.gyrus.data;

/**
 * A fitted model (an imputer, encoder, scaler, selector) whose statistics shaped a table's values,
 * and the rows it was fitted on: carried by the table ({@link Table#fittedBy()}) so that a
 * cross-validation can tell features prepared before its split (a leak) from features prepared
 * on rows outside it.
 *
 * @param model what fitted it, for messages: the model kind and the node that fitted or applied it
 * @param rows  the rows and subjects it was fitted on
 */
public record FittedBy(String model, TrainingRows rows) {

    /** Checks that both parts are given. */
    public FittedBy {
        if (model == null || rows == null) {
            throw new IllegalArgumentException("A fitted model needs its name and its training rows");
        }
    }
}
