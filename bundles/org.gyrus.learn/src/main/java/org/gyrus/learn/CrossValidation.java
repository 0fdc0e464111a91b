package org.gyrus.learn;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Out-of-fold class probabilities: for each fold, a learner is fitted on the other folds' rows
 * and predicts the fold's rows, so no row is ever predicted by a model that saw it. Optional
 * standardisation is fitted inside each fold, on its training rows only (as a scikit-learn
 * {@code Pipeline(StandardScaler(), model)} inside {@code cross_val_predict}).
 */
public final class CrossValidation {

    /** Fits on training rows and gives the class probabilities of other rows. */
    @FunctionalInterface
    public interface Learner {
        /**
         * @param train    the training rows, nTrain × p row-major
         * @param labels   their classes (the class list is the whole data's)
         * @param test     the rows to predict, nTest × p row-major
         * @return {@code proba[class][testRow]}
         */
        double[][] fitPredict(double[] train, int nTrain, Labels labels, double[] test, int nTest, int p, List<String> features);
    }

    private CrossValidation() {
    }

    /**
     * The out-of-fold probabilities of every row.
     *
     * @param fold        the fold of each row, 0 to k − 1
     * @param standardize fit a standard scaler on each fold's training rows and apply it to both
     * @param cancelled   asked before each fold
     * @return {@code proba[class][row]}
     * @throws IllegalArgumentException if a fold is empty or its training rows lack a class
     * @throws CancellationException when {@code cancelled} says so
     */
    public static double[][] outOfFold(double[] x, int n, int p, Labels labels, List<String> features, int[] fold, int k,
                                       boolean standardize, Learner learner, BooleanSupplier cancelled) {
        int classes = labels.classes().size();
        double[][] proba = new double[classes][n];
        for (int f = 0; f < k; f++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("Cross-validation cancelled before fold " + f);
            }
            int nTest = 0;
            for (int v : fold) {
                nTest += v == f ? 1 : 0;
            }
            int nTrain = n - nTest;
            if (nTest == 0) {
                throw new IllegalArgumentException("Fold " + f + " has no rows: use fewer folds");
            }
            double[] train = new double[nTrain * p];
            double[] test = new double[nTest * p];
            int[] trainCodes = new int[nTrain];
            int[] testRows = new int[nTest];
            int[] classCount = new int[classes];
            int a = 0;
            int b = 0;
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    System.arraycopy(x, i * p, test, b * p, p);
                    testRows[b++] = i;
                } else {
                    System.arraycopy(x, i * p, train, a * p, p);
                    trainCodes[a] = labels.codes()[i];
                    classCount[trainCodes[a++]]++;
                }
            }
            for (int c = 0; c < classes; c++) {
                if (classCount[c] == 0) {
                    throw new IllegalArgumentException("The training rows of fold " + f + " have no sample of class '" + labels.classes().get(c)
                            + "': use fewer folds, or stratified folds");
                }
            }
            if (standardize) {
                standardize(train, nTrain, test, nTest, p);
            }
            double[][] out = learner.fitPredict(train, nTrain, new Labels(labels.classes(), trainCodes), test, nTest, p, features);
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j < nTest; j++) {
                    proba[c][testRows[j]] = out[c][j];
                }
            }
        }
        return proba;
    }

    /** Centres and scales both blocks by the training block's mean and population standard deviation (0 → 1, as StandardScaler). */
    static void standardize(double[] train, int nTrain, double[] test, int nTest, int p) {
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (int i = 0; i < nTrain; i++) {
                mean += train[i * p + j];
            }
            mean /= nTrain;
            double ss = 0;
            for (int i = 0; i < nTrain; i++) {
                double d = train[i * p + j] - mean;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / nTrain);
            double scale = sd > 0 ? sd : 1;
            for (int i = 0; i < nTrain; i++) {
                train[i * p + j] = (train[i * p + j] - mean) / scale;
            }
            for (int i = 0; i < nTest; i++) {
                test[i * p + j] = (test[i * p + j] - mean) / scale;
            }
        }
    }
}
