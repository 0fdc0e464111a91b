package org.gyrus.workbench.viewers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.gyrus.data.Chart;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.nn.io.TensorData;
import org.junit.jupiter.api.Test;

/** The one-line summaries hovering a port shows. */
class ValueSummaryTest {

    @Test
    void summariesSayShapeAndSize() throws Exception {
        assertEquals("Table: 3 rows × 1 column (1 with missing values)",
                ValueSummary.of(Table.of(new NumericColumn("x", new double[] {1, Double.NaN, 3}))));
        assertEquals("Feature matrix: 2 samples × 4 features, each 1×2×2",
                ValueSummary.of(new FeatureMatrix(new float[8], List.of("a", "b"), List.of("p", "q", "r", "s")).withSampleShape(1, 2, 2)));
        assertEquals("Volume 33×41×25, float32, 2×2×2 mm, LAS", ValueSummary.of(TestVolumes.load("anatomical")));
        assertEquals("Volume set: 1 subject (s1)", ValueSummary.of(VolumeSet.of(Map.of("s1", Volume.builder(new float[1], 1).build()))));
        ModelArtifact model = ModelArtifact.builder("pca").tensor("components", TensorData.ofFloats(new float[6], 2, 3))
                .tensor("mean", TensorData.ofFloats(new float[3], 3)).build();
        assertEquals("Model pca (schema 1): 2 tensors, 9 values", ValueSummary.of(model));
        byte[] png = new Chart("t", "x", "y").line("a", new double[] {0, 1}, new double[] {0, 1}).toPng();
        assertEquals("Report: 1 figure, 0 tables, 1 text",
                ValueSummary.of(Report.empty().withText("a", "b").withFigure("f", "f", "c", png)));
        assertEquals("Double: 0.5", ValueSummary.of(0.5));
        assertTrue(ValueSummary.of("x".repeat(200)).endsWith("…"));
        assertEquals("no value", ValueSummary.of(null));
    }
}
