package org.gyrus.learn;

import java.util.concurrent.CancellationException;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.optim.Adam;
import org.gyrus.nn.train.History;
import org.gyrus.nn.train.Trainer;

/**
 * How the learning bundle's networks (MLP classifier and regressor, CNN) are trained: Adam with
 * weight decay in seeded mini-batches, with early stopping on a seeded validation split that keeps
 * the best epoch's weights.
 *
 * @param learningRate       Adam's learning rate
 * @param l2                 Adam's weight decay (an L2 penalty added to the gradient)
 * @param epochs             the most passes over the training samples
 * @param batchSize          samples per step
 * @param validationFraction the fraction held out for early stopping, in (0, 1)
 * @param patience           epochs without a better validation loss before stopping
 * @param seed               seed of the initialisation, the split and the batches
 */
public record NetworkTraining(double learningRate, double l2, int epochs, int batchSize, double validationFraction, int patience,
                              long seed) {

    /** @throws IllegalArgumentException for a setting out of its range, naming all of them */
    public NetworkTraining {
        if (!(learningRate > 0) || !(l2 >= 0) || epochs < 1 || batchSize < 1 || !(validationFraction > 0 && validationFraction < 1)
                || patience < 1) {
            throw new IllegalArgumentException("Training settings out of range: learning rate " + learningRate + " (> 0), L2 " + l2
                    + " (≥ 0), epochs " + epochs + " (≥ 1), batch size " + batchSize + " (≥ 1), validation fraction "
                    + validationFraction + " (between 0 and 1), patience " + patience + " (≥ 1)");
        }
    }

    /**
     * Trains {@code net} on {@code x} → {@code y} and returns how it went.
     *
     * @param what      the network's name in messages ("MLP", "CNN")
     * @param cancelled asked after every epoch
     * @throws IllegalArgumentException when the samples are too few to hold some out
     * @throws CancellationException when {@code cancelled} says so
     */
    History fit(String what, Module net, Tensor x, Tensor y, BiFunction<Tensor, Tensor, Tensor> loss, BooleanSupplier cancelled) {
        int n = x.shape()[0];
        if (Math.round(n * validationFraction) < 1 || n - Math.round(n * validationFraction) < 1) {
            throw new IllegalArgumentException("Too few samples (" + n + ") to hold out a validation fraction of " + validationFraction);
        }
        History history = Trainer.of(epochs, batchSize, seed).withValidation(validationFraction).withEarlyStopping(patience)
                .fit(net, x, y, loss, new Adam(net.parameters(), learningRate, 0.9, 0.999, 1e-8, l2), epoch -> !cancelled.getAsBoolean());
        if (history.stop() == History.Stop.CANCELLED) {
            throw new CancellationException(what + " training cancelled after " + history.trainLoss().size() + " epochs");
        }
        return history;
    }
}
