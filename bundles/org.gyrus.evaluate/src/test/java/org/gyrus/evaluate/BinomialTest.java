package org.gyrus.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class BinomialTest {

    @Test
    void samplesFollowTheBinomialDistribution() {
        int[][] cases = {{10, 30}, {200, 30}, {65_000, 35}, {100_000, 1}};
        for (int[] c : cases) {
            int n = c[0];
            double p = c[1] / 100.0 / (c[1] == 1 ? 10 : 1);
            SplittableRandom rng = new SplittableRandom(n);
            int draws = 40_000;
            double sum = 0;
            double sq = 0;
            BinomialDistribution exact = new BinomialDistribution(null, n, p);
            int mode = (int) Math.floor((n + 1) * p);
            int atMode = 0;
            int belowMean = 0;
            for (int i = 0; i < draws; i++) {
                int k = Binomial.sample(rng, n, p);
                assertTrue(k >= 0 && k <= n);
                sum += k;
                sq += (double) k * k;
                atMode += k == mode ? 1 : 0;
                belowMean += k <= n * p ? 1 : 0;
            }
            double mean = sum / draws;
            double var = sq / draws - mean * mean;
            double sd = Math.sqrt(n * p * (1 - p));
            assertEquals(n * p, mean, 4 * sd / Math.sqrt(draws), "mean, n = " + n);
            assertEquals(n * p * (1 - p), var, 0.05 * n * p * (1 - p), "variance, n = " + n);
            double pm = exact.probability(mode);
            assertEquals(pm, (double) atMode / draws, 4 * Math.sqrt(pm * (1 - pm) / draws), "P(mode), n = " + n);
            double pb = exact.cumulativeProbability((int) Math.floor(n * p));
            assertEquals(pb, (double) belowMean / draws, 4 * Math.sqrt(pb * (1 - pb) / draws), "P(k ≤ np), n = " + n);
        }
        assertEquals(0, Binomial.sample(new SplittableRandom(1), 100, 0));
        assertEquals(100, Binomial.sample(new SplittableRandom(1), 100, 1));
    }
}
