package org.example.intensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.gyrus.data.Table;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeRun;
import org.junit.jupiter.api.Test;

/** The node run by itself with NodeRun, on volumes small enough to check by hand. */
class ZScoreNodeTest {

    private final ZScoreNode node = new ZScoreNode();

    @Test
    void normalisesTheVoxelsAboveTheThresholdOfEachVolume() throws Exception {
        // Voxels 2, 4, 6, 8 above the background (0): mean 5, population sd sqrt(5).
        Volume a = Volume.builder(new float[] {0, 2, 4, 0, 6, 8, 0, 0}, 2, 2, 2).build();
        Volume b = Volume.builder(new float[] {10, 10, 30, 30, 0, 0, 0, 0}, 2, 2, 2).build();
        Map<String, Volume> cohort = new LinkedHashMap<>();
        cohort.put("a", a);
        cohort.put("b", b);
        Map<String, Object> out = NodeRun.builder(node.descriptor()).input("volumes", VolumeSet.of(cohort)).build().execute(node);

        VolumeSet volumes = (VolumeSet) out.get("volumes");
        double sd = Math.sqrt(5);
        assertArrayEquals(new float[] {0, (float) (-3 / sd), (float) (-1 / sd), 0, (float) (1 / sd), (float) (3 / sd), 0, 0},
                volumes.get("a").toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-1, -1, 1, 1, 0, 0, 0, 0}, volumes.get("b").toFloatArray(), 1e-6f);

        Table stats = (Table) out.get("statistics");
        assertEquals("a", ((org.gyrus.data.TextColumn) stats.column("subject_id")).get(0), "rows in the order of the set");
        assertEquals(5.0, stats.numeric("mean").toArray()[0], 1e-12);
        assertEquals(sd, stats.numeric("sd").toArray()[0], 1e-12);
        assertEquals(4.0, stats.numeric("voxels").toArray()[0]);
        assertEquals(20.0, stats.numeric("mean").toArray()[1], 1e-12);
        assertEquals(10.0, stats.numeric("sd").toArray()[1], 1e-12);
    }

    @Test
    void theThresholdDecidesWhichVoxelsCount() throws Exception {
        Volume a = Volume.builder(new float[] {1, 2, 3, 4}, 2, 2, 1).build();
        Map<String, Object> out = NodeRun.builder(node.descriptor()).input("volumes", VolumeSet.of(Map.of("a", a)))
                .parameter("threshold", 2.0).build().execute(node);
        // Only 3 and 4 count: mean 3.5, sd 0.5.
        assertArrayEquals(new float[] {0, 0, -1, 1}, ((VolumeSet) out.get("volumes")).get("a").toFloatArray(), 1e-6f);
    }

    @Test
    void anImageWithNothingAboveTheThresholdIsRefusedNamingTheSubject() {
        Volume a = Volume.builder(new float[] {0, 0, 0, 0}, 2, 2, 1).build();
        Exception e = assertThrows(IllegalArgumentException.class, () -> NodeRun.builder(node.descriptor())
                .input("volumes", VolumeSet.of(Map.of("s01", a))).build().execute(node));
        assertEquals("subject s01: no voxel is above the threshold 0.0: lower the threshold", e.getMessage());
    }
}
