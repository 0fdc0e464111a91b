package org.gyrus.nn.train;

/**
 * What one finished epoch produced, handed to the {@link EpochListener}.
 *
 * @param epoch          epoch number, from 1
 * @param epochs         epochs planned
 * @param trainLoss      mean training loss over the epoch's samples
 * @param validationLoss mean validation loss, NaN without a validation split
 * @param learningRate   the learning rate used in this epoch
 * @param millis         wall time of the epoch
 */
public record EpochReport(int epoch, int epochs, double trainLoss, double validationLoss, double learningRate,
                          long millis) {
}
