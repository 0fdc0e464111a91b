package org.gyrus.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/**
 * The {@code PCA/full} case of penguins.sklearn.json (scikit-learn 1.2.1): three components of the
 * standard-scaled, mean-imputed numeric penguin columns. The input is the reference's own
 * {@code StandardScaler} output, which is exactly what scikit-learn's PCA was given.
 */
class PcaParityTest {

    private static JsonNode reference() throws IOException {
        return new ObjectMapper().readTree(Path.of("testdata/penguins.sklearn.json").toFile());
    }

    private static JsonNode testCase(JsonNode root, String name) {
        for (JsonNode c : root.get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("No case " + name);
    }

    private static double[] values(JsonNode tensor) {
        JsonNode data = tensor.get("data");
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(i).asDouble();
        }
        return out;
    }

    private static float[] input(JsonNode root) {
        double[] x = values(testCase(root, "StandardScaler").get("output"));
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    @Test
    void fullSolverMatchesScikitLearnUpToSign() throws IOException {
        JsonNode root = reference();
        JsonNode pcaCase = testCase(root, "PCA/full");
        assertEquals(3, pcaCase.get("params").get("n_components").asInt());
        Pca.Fit fit = Pca.components(3).solver(Pca.Solver.FULL).fitTransform(input(root), 344, 5);
        PcaModel model = fit.model();

        double[] expectedAxes = values(pcaCase.get("components"));
        double[] axes = model.axes();
        double[] sign = new double[3];
        for (int j = 0; j < 3; j++) {
            // Up to sign: the sign of the largest reference loading decides.
            double dot = 0;
            for (int c = 0; c < 5; c++) {
                dot += axes[j * 5 + c] * expectedAxes[j * 5 + c];
            }
            sign[j] = Math.signum(dot);
            for (int c = 0; c < 5; c++) {
                assertEquals(expectedAxes[j * 5 + c], sign[j] * axes[j * 5 + c], 2e-6, "component " + j + ", feature " + c);
            }
        }
        double[] ratio = values(pcaCase.get("explained_variance_ratio"));
        for (int j = 0; j < 3; j++) {
            assertEquals(ratio[j], model.explainedVarianceRatio()[j], 1e-7, "explained variance ratio " + j);
        }
        double[] scores = values(pcaCase.get("output"));
        for (int i = 0; i < 344; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(scores[i * 3 + j], sign[j] * fit.scores()[i * 3 + j], 1e-5, "score of sample " + i + ", component " + j);
            }
        }
        // transform on the training data gives the same scores as fitTransform.
        float[] again = model.transform(input(root), 344);
        for (int i = 0; i < again.length; i++) {
            assertEquals(fit.scores()[i], again[i], 1e-5);
        }
    }

    @Test
    void signConventionIsScikitLearns() throws IOException {
        // svd_flip makes the largest |score| of each component positive; the reference obeys it too,
        // so with it the signs agree exactly.
        JsonNode root = reference();
        JsonNode pcaCase = testCase(root, "PCA/full");
        PcaModel model = Pca.components(3).solver(Pca.Solver.FULL).fit(input(root), 344, 5);
        double[] expectedAxes = values(pcaCase.get("components"));
        double[] axes = model.axes();
        for (int i = 0; i < axes.length; i++) {
            assertEquals(expectedAxes[i], axes[i], 2e-6, "loading " + i);
        }
    }
}
