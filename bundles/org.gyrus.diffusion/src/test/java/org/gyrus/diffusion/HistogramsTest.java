package org.gyrus.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/** The Wasserstein distance against scipy (testdata/make_histogram_reference.py). */
class HistogramsTest {

    @Test
    void wassersteinMatchesScipy() {
        for (JsonNode c : Reference.read("histogram_reference.json").get("cases")) {
            double expected = c.get("distance").asDouble();
            assertEquals(expected, Histograms.wasserstein(Reference.floats(c.get("a")), Reference.floats(c.get("b"))), 1e-5 * expected);
            assertEquals(expected, Histograms.wasserstein(Reference.floats(c.get("b")), Reference.floats(c.get("a"))), 1e-5 * expected);
        }
        assertEquals(0, Histograms.wasserstein(new float[] {1, 2, 2}, new float[] {2, 1, 2}), 0);
    }
}
