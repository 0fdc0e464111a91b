package org.gyrus.nn.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}: loss curves and why training ended.
 *
 * @param trainLoss      mean training loss per epoch
 * @param validationLoss mean validation loss per epoch (empty without a validation split)
 * @param bestEpoch      epoch (from 1) with the lowest monitored loss
 * @param bestLoss       that loss
 * @param stop           why training ended
 */
public record History(List<Double> trainLoss, List<Double> validationLoss, int bestEpoch, double bestLoss, Stop stop) {

    /** Why training ended. */
    public enum Stop {
        /** All planned epochs ran. */
        COMPLETED,
        /** The monitored loss stopped improving for {@code patience} epochs. */
        EARLY_STOPPED,
        /** The listener returned false or the thread was interrupted. */
        CANCELLED
    }
}
