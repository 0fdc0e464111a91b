package org.gyrus.learn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gyrus.data.TextColumn;
import org.gyrus.nn.linalg.Parallel;

/**
 * Gyrus side of the logistic-regression fit benchmark (issue 13): the same data and settings as
 * {@code bench/logistic_sklearn.py} (run that first: it writes the data), 1 warm-up and 5 timed
 * fits, wall time of the fit only. Prints the median and checks the coefficients against
 * scikit-learn's from the same run (both stop on the same rules, so they agree to ~1e-4).
 *
 * <pre>java -cp ... org.gyrus.learn.LogisticBenchmark /tmp/gyrus-bench-data/logistic [threads]</pre>
 */
public final class LogisticBenchmark {

    private static final int RUNS = 5;
    private static final int WARMUP = 1;

    private LogisticBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/gyrus-bench-data/logistic");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        Parallel.setThreads(threads);
        JsonNode peer = new ObjectMapper().readTree(dir.resolve("sklearn.json").toFile());
        int n = peer.get("n").asInt();
        int p = peer.get("p").asInt();
        double[] x = new double[n * p];
        ByteBuffer.wrap(Files.readAllBytes(dir.resolve("X.f64"))).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(x);
        byte[] yb = Files.readAllBytes(dir.resolve("y.i8"));
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            y[i] = Integer.toString(yb[i]);
        }
        Labels labels = Labels.of(new TextColumn("y", y), null, r -> Integer.toString(r));
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            names.add("x" + j);
        }
        LogisticRegression lr = LogisticRegression.defaults();
        double[] times = new double[RUNS];
        LogisticModel m = null;
        for (int r = 0; r < WARMUP + RUNS; r++) {
            long t0 = System.nanoTime();
            m = lr.fit(x, n, p, labels, names);
            double t = (System.nanoTime() - t0) / 1e9;
            if (r >= WARMUP) {
                times[r - WARMUP] = t;
            }
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double[] coef = m.coef();
        double worst = 0;
        double size = 0;
        for (int j = 0; j < p; j++) {
            worst = Math.max(worst, Math.abs(coef[j] - peer.get("coef").get(j).asDouble()));
            size = Math.max(size, Math.abs(coef[j]));
        }
        double median = sorted[RUNS / 2];
        System.out.printf(Locale.ROOT, "{\"gyrus_median_s\": %.4f, \"runs\": %s, \"threads\": %d, \"n_iter\": %d, \"peer_n_iter\": %d, "
                        + "\"peer_median_s\": %.4f, \"ratio\": %.3f, \"max_coef_difference_relative\": %.2e}%n", median, Arrays.toString(times),
                threads, m.fit().iterations(), peer.get("n_iter").asInt(), peer.get("median_s").asDouble(),
                median / peer.get("median_s").asDouble(), worst / size);
    }
}
