package org.gyrus.attention;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gyrus.data.Volume;
import org.gyrus.nn.io.Safetensors;
import org.gyrus.nn.io.TensorData;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the networks and inputs of the PyTorch parity check (not a test): three small
 * transformers trained here for a few epochs (table with categories, pre-norm; image, post-norm;
 * volume patches, regression) saved as network artifacts, and fixed inputs. Run once with
 * {@code -Dgyrus.writeParity=true -Dtest=ParityNetworks}, then {@code check/torch_parity.py}, and
 * commit both outputs; {@link ParityTest} reads them.
 */
class ParityNetworks {

    static final Path DIR = Path.of("testdata");

    /** The mask of the volume case: a ball in an 8³ grid, 2-mm voxels, an oblique affine. */
    static Volume mask() {
        float[] m = new float[512];
        for (int z = 0; z < 8; z++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    double d = Math.sqrt((x - 3.5) * (x - 3.5) + (y - 3.5) * (y - 3.5) + (z - 3.5) * (z - 3.5));
                    m[(z * 8 + y) * 8 + x] = d <= 3.6 ? 1 : 0;
                }
            }
        }
        Matrix4d a = new Matrix4d().translation(-7, 9, -5).rotateZ(0.3).scale(2, 2, 2.5);
        return Volume.builder(m, 8, 8, 8).affine(a, org.gyrus.data.XformCode.SCANNER_ANAT).build();
    }

    static float[] randn(Random r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return f;
    }

    @Test
    @EnabledIfSystemProperty(named = "gyrus.writeParity", matches = "true")
    void write() throws IOException {
        Random r = new Random(11);
        Map<String, TensorData> inputs = new LinkedHashMap<>();

        TableLayout table = new TableLayout(List.of("a", "b", "c"), List.of("site", "sex"), List.of(List.of("A", "B", "C"), List.of("F", "M")));
        int n = 60;
        float[] tx = new float[n * 5];
        int[] ty = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                tx[i * 5 + j] = (float) r.nextGaussian();
            }
            tx[i * 5 + 3] = r.nextInt(3);
            tx[i * 5 + 4] = r.nextInt(2);
            ty[i] = tx[i * 5] + (tx[i * 5 + 3] == 1 ? 1 : 0) > 0.3 ? 1 : 0;
        }
        TransformerSettings ts = new TransformerSettings(2, 2, 12, 24, 0.1, true, 3e-3, 1e-4, 1, 4, 16, 0, 0, true, false);
        TransformerTraining.classifier(table, tx, new Labels(List.of("0", "1"), ty), ts, 3, null).toArtifact()
                .save(DIR.resolve("parity_table.safetensors"));
        inputs.put("table", TensorData.ofFloats(new float[] {0.5f, -1f, 2f, 1f, 0f, -0.3f, 0.2f, 0.1f, 2f, 1f, 1.5f, 0f, -2f, Float.NaN, 1f,
                0f, 0f, 0f, 7f, 0f}, 4, 5));

        Fixtures.Digits d = Fixtures.Digits.load();
        float[] ix = new float[100 * 64];
        System.arraycopy(d.x(), 0, ix, 0, ix.length);
        int[] iy = java.util.Arrays.copyOf(d.labels(), 100);
        ImageLayout image = ImageLayout.of(new int[] {1, 8, 8}, 2);
        TransformerSettings is = new TransformerSettings(2, 4, 16, 32, 0.1, false, 3e-3, 1e-4, 1, 3, 20, 0, 0, false, false);
        TransformerTraining.classifier(image, ix, new Labels(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), iy), is, 5, null)
                .toArtifact().save(DIR.resolve("parity_image.safetensors"));
        float[] three = new float[3 * 64];
        System.arraycopy(d.x(), 100 * 64, three, 0, three.length);
        inputs.put("image", TensorData.ofFloats(three, 3, 1, 8, 8));

        Volume mask = mask();
        VolumeLayout volume = VolumeLayout.of(mask, 2);
        int m = 12;
        float[] vx = randn(r, m * volume.tokens() * volume.patchVoxels());
        double[] vy = new double[m];
        for (int i = 0; i < m; i++) {
            vy[i] = vx[i * volume.tokens() * volume.patchVoxels()] + r.nextGaussian() * 0.1;
        }
        TransformerSettings vs = new TransformerSettings(2, 3, 18, 36, 0.0, true, 3e-3, 1e-4, 1, 3, 4, 0, 0, false, true);
        TransformerTraining.regressor(volume, vx, vy, vs, 9, null).toArtifact().save(DIR.resolve("parity_volume.safetensors"));
        inputs.put("volume", TensorData.ofFloats(randn(r, 3 * volume.tokens() * volume.patchVoxels()), 3, volume.tokens(), volume.patchVoxels()));

        Safetensors.write(DIR.resolve("parity_inputs.safetensors"), inputs, Map.of("written_by", "ParityNetworks.java"));
    }
}
