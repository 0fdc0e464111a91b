package org.gyrus.nn.train;

/** Receives a report after every epoch (loss curves, progress) and may stop the training. */
@FunctionalInterface
public interface EpochListener {

    /**
     * Called after each epoch.
     *
     * @param report the epoch's numbers
     * @return true to continue, false to cancel the training
     */
    boolean onEpoch(EpochReport report);
}
