package org.gyrus.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.optim.GradClip;
import org.gyrus.nn.optim.LrSchedule;
import org.gyrus.nn.optim.Optimizer;

/**
 * Mini-batch training of a module on in-memory samples: seeded shuffling, an optional held-out
 * validation split, a per-epoch learning-rate schedule, gradient clipping, early stopping with
 * restoration of the best weights, and a per-epoch callback that can cancel.
 *
 * <p>Samples are the rows (first axis) of the input and target tensors. The same seed gives the
 * same split, the same batches and, with seeded modules, the same result. Configure with the
 * {@code with...} methods, which return a new trainer.
 */
public final class Trainer {

    private final int epochs;
    private final int batchSize;
    private final long seed;
    private final double validationFraction;
    private final int patience;
    private final double clipNorm;
    private final LrSchedule schedule;

    private Trainer(int epochs, int batchSize, long seed, double validationFraction, int patience, double clipNorm,
                    LrSchedule schedule) {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be >= 1");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1): " + validationFraction);
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.seed = seed;
        this.validationFraction = validationFraction;
        this.patience = patience;
        this.clipNorm = clipNorm;
        this.schedule = schedule;
    }

    /**
     * A trainer with no validation split, no early stopping, no clipping and the optimiser's own
     * learning rate.
     *
     * @param epochs    number of passes over the training samples
     * @param batchSize samples per step (the last batch may be smaller)
     * @param seed      seed of the split and the shuffling
     * @return the trainer
     */
    public static Trainer of(int epochs, int batchSize, long seed) {
        return new Trainer(epochs, batchSize, seed, 0, 0, 0, null);
    }

    /**
     * Holds out a fraction of the samples (chosen by the seed) for validation.
     *
     * @param fraction share of samples in [0, 1)
     * @return a new trainer
     */
    public Trainer withValidation(double fraction) {
        return new Trainer(epochs, batchSize, seed, fraction, patience, clipNorm, schedule);
    }

    /**
     * Stops when the validation loss (training loss without a split) has not improved for
     * {@code patience} epochs, and restores the best weights.
     *
     * @param patience epochs without improvement tolerated; 0 disables early stopping
     * @return a new trainer
     */
    public Trainer withEarlyStopping(int patience) {
        return new Trainer(epochs, batchSize, seed, validationFraction, patience, clipNorm, schedule);
    }

    /**
     * Clips the joint gradient norm before every step.
     *
     * @param maxNorm the largest norm; 0 disables clipping
     * @return a new trainer
     */
    public Trainer withGradClip(double maxNorm) {
        return new Trainer(epochs, batchSize, seed, validationFraction, patience, maxNorm, schedule);
    }

    /**
     * Sets the learning rate at the start of each epoch from a schedule indexed by epoch (from 0).
     *
     * @param lrSchedule the schedule
     * @return a new trainer
     */
    public Trainer withSchedule(LrSchedule lrSchedule) {
        return new Trainer(epochs, batchSize, seed, validationFraction, patience, clipNorm, lrSchedule);
    }

    /**
     * Trains the model.
     *
     * @param model     the module, trained in place
     * @param inputs    {@code [N, ...]} samples
     * @param targets   {@code [N, ...]} targets, row i belonging to sample i
     * @param loss      loss of a batch: (model output, target rows) to a scalar
     * @param optimizer optimiser over the model's parameters
     * @param listener  per-epoch callback, or null
     * @return loss curves and the reason training ended
     */
    public History fit(Module model, Tensor inputs, Tensor targets, BiFunction<Tensor, Tensor, Tensor> loss,
                       Optimizer optimizer, EpochListener listener) {
        int n = inputs.dim(0);
        if (targets.dim(0) != n) {
            throw new IllegalArgumentException(n + " inputs but " + targets.dim(0) + " targets");
        }
        Random random = new Random(seed);
        int[] order = permutation(n, random);
        int validation = (int) Math.round(n * validationFraction);
        int[] trainIdx = java.util.Arrays.copyOfRange(order, 0, n - validation);
        int[] valIdx = java.util.Arrays.copyOfRange(order, n - validation, n);
        if (trainIdx.length == 0) {
            throw new IllegalArgumentException("no training samples left after the validation split");
        }

        List<Double> trainCurve = new ArrayList<>();
        List<Double> valCurve = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        List<float[]> bestWeights = null;
        History.Stop stop = History.Stop.COMPLETED;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            if (schedule != null) {
                optimizer.setLr(schedule.lr(epoch - 1));
            }
            shuffle(trainIdx, random);
            model.train(true);
            double sum = 0;
            boolean interrupted = false;
            for (int b = 0; b < trainIdx.length; b += batchSize) {
                if (Thread.currentThread().isInterrupted()) {
                    interrupted = true;
                    break;
                }
                int[] batch = java.util.Arrays.copyOfRange(trainIdx, b, Math.min(trainIdx.length, b + batchSize));
                optimizer.zeroGrad();
                Tensor l = loss.apply(model.forward(rows(inputs, batch)), rows(targets, batch));
                l.backward();
                if (clipNorm > 0) {
                    GradClip.clipNorm(optimizer.params(), clipNorm);
                }
                optimizer.step();
                sum += (double) l.item() * batch.length;
            }
            if (interrupted) {
                stop = History.Stop.CANCELLED;
                break;
            }
            double trainLoss = sum / trainIdx.length;
            trainCurve.add(trainLoss);
            double valLoss = Double.NaN;
            if (validation > 0) {
                valLoss = evaluate(model, inputs, targets, valIdx, loss);
                valCurve.add(valLoss);
            }
            double monitored = validation > 0 ? valLoss : trainLoss;
            if (monitored < best) {
                best = monitored;
                bestEpoch = epoch;
                if (patience > 0) {
                    bestWeights = snapshot(model);
                }
            }
            boolean go = listener == null || listener.onEpoch(new EpochReport(epoch, epochs, trainLoss, valLoss,
                    optimizer.lr(), (System.nanoTime() - start) / 1_000_000));
            if (!go) {
                stop = History.Stop.CANCELLED;
                break;
            }
            if (patience > 0 && epoch - bestEpoch >= patience) {
                stop = History.Stop.EARLY_STOPPED;
                break;
            }
        }
        if (stop == History.Stop.EARLY_STOPPED && bestWeights != null) {
            restore(model, bestWeights);
        }
        model.train(false);
        return new History(List.copyOf(trainCurve), List.copyOf(valCurve), bestEpoch, best, stop);
    }

    private double evaluate(Module model, Tensor inputs, Tensor targets, int[] idx,
                            BiFunction<Tensor, Tensor, Tensor> loss) {
        model.train(false);
        double sum = 0;
        try (NoGrad ignored = Tensor.noGrad()) {
            for (int b = 0; b < idx.length; b += batchSize) {
                int[] batch = java.util.Arrays.copyOfRange(idx, b, Math.min(idx.length, b + batchSize));
                sum += (double) loss.apply(model.forward(rows(inputs, batch)), rows(targets, batch)).item() * batch.length;
            }
        } finally {
            model.train(true);
        }
        return sum / idx.length;
    }

    /** The given rows as a new leaf tensor (samples never carry gradients here). */
    static Tensor rows(Tensor t, int[] idx) {
        int[] shape = t.shape();
        int row = t.size() / shape[0];
        float[] src = t.data();
        float[] out = new float[idx.length * row];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(src, idx[i] * row, out, i * row, row);
        }
        shape[0] = idx.length;
        return Tensor.wrap(out, shape);
    }

    static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, random);
        return p;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    private static List<float[]> snapshot(Module model) {
        List<float[]> copy = new ArrayList<>();
        for (Tensor p : model.parameters()) {
            copy.add(p.data().clone());
        }
        return copy;
    }

    private static void restore(Module model, List<float[]> weights) {
        List<Tensor> params = model.parameters();
        for (int i = 0; i < params.size(); i++) {
            System.arraycopy(weights.get(i), 0, params.get(i).data(), 0, weights.get(i).length);
        }
    }
}
