package org.gyrus.learn;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Signs that data were preprocessed with statistics of every row before a split or
 * cross-validation, which leaks the held-out rows into training.
 */
public final class LeakCheck {

    private LeakCheck() {
    }

    /**
     * Whether every non-constant feature has mean 0 and standard deviation 1 over all rows (a
     * standard scaler fitted on all of them), or minimum 0 and maximum 1 (a min–max scaler) —
     * which a scaler fitted on part of the rows almost never gives.
     *
     * @return the reason, naming the scaler, or empty
     */
    public static Optional<String> scaledOnAllRows(double[] x, int n, int p, List<String> features) {
        if (n < 3) {
            return Optional.empty();
        }
        boolean standard = true;
        boolean minMax = true;
        int varying = 0;
        for (int j = 0; j < p && (standard || minMax); j++) {
            double mean = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = x[i * p + j];
                mean += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (min == max) {
                continue;
            }
            varying++;
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (x[i * p + j] - mean) * (x[i * p + j] - mean);
            }
            double sd = Math.sqrt(ss / n);
            // Single-precision features (a feature matrix) keep about 7 digits.
            standard &= Math.abs(mean) <= 1e-5 && Math.abs(sd - 1) <= 1e-5;
            minMax &= Math.abs(min) <= 1e-6 && Math.abs(max - 1) <= 1e-6;
        }
        if (varying == 0 || !(standard || minMax)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "every feature (%d of them, e.g. '%s') has %s over all %d rows: a %s was fitted on all "
                        + "rows before the split, so the held-out rows' statistics leak into training", varying, features.get(0),
                standard ? "mean 0 and standard deviation 1" : "minimum 0 and maximum 1", n, standard ? "standard scaler" : "min-max scaler"));
    }
}
