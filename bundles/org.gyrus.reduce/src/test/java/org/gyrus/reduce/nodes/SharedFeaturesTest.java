package org.gyrus.reduce.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.junit.jupiter.api.Test;

/**
 * The PCA and autoencoder nodes read their feature matrix in place ({@link FeatureMatrix#values()})
 * instead of copying it: they must leave the matrix, which other nodes and the cache share,
 * exactly as it was.
 */
class SharedFeaturesTest {

    private static Map<String, Object> run(NodeType node, Map<String, Object> inputs, Object... parameters) throws Exception {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).seed(3).threads(1);
        inputs.forEach(b::input);
        for (int i = 0; i < parameters.length; i += 2) {
            b.parameter((String) parameters[i], parameters[i + 1]);
        }
        return b.build().execute(node);
    }

    @Test
    void theReduceNodesLeaveTheSharedMatrixAsItWas() throws Exception {
        int n = 30;
        int d = 6;
        float[] data = new float[n * d];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (r.nextGaussian() * 3 + 5);
        }
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add("s" + i);
        }
        FeatureMatrix x = new FeatureMatrix(data, rows, List.of("a", "b", "c", "d", "e", "f"));
        float[] before = x.toArray();

        Map<String, Object> pca = run(new PcaFitNode(), Map.of("features", x), "components", 2, "solver", "full");
        ModelArtifact pcaModel = (ModelArtifact) pca.get("model");
        FeatureMatrix scores = (FeatureMatrix) pca.get("scores");
        float[] scoresBefore = scores.toArray();
        run(new PcaApplyNode(), Map.of("model", pcaModel, "features", x));
        run(new PcaInverseNode(), Map.of("model", pcaModel, "scores", scores));
        assertArrayEquals(scoresBefore, scores.values());

        Map<String, Object> ae = run(new AutoencoderFitNode(), Map.of("features", x), "layers", new int[] {4, 2}, "epochs", 3,
                "batchSize", 8);
        ModelArtifact aeModel = (ModelArtifact) ae.get("model");
        run(new AutoencoderEncodeNode(), Map.of("model", aeModel, "features", x));
        run(new AutoencoderReconstructNode(), Map.of("model", aeModel, "features", x));

        assertArrayEquals(before, x.values(), "the matrix every node read is unchanged");
    }
}
