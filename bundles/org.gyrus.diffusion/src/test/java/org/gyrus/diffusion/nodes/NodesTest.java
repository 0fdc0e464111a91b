package org.gyrus.diffusion.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.Volume;
import org.gyrus.data.XformCode;
import org.gyrus.diffusion.GaussianSmoothing;
import org.gyrus.diffusion.ImageQuality;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;

/** The node components, run without a framework through {@link NodeRun}. */
class NodesTest {

    static final int[] DIMS = {16, 14, 12};

    private static Map<String, Object> run(NodeType node, Map<String, Object> inputs, Map<String, Object> params) throws Exception {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).seed(3);
        inputs.forEach(b::input);
        params.forEach(b::parameter);
        return b.build().execute(node);
    }

    static float[] clean() {
        float[] v = new float[DIMS[0] * DIMS[1] * DIMS[2]];
        for (int z = 0; z < DIMS[2]; z++) {
            for (int y = 0; y < DIMS[1]; y++) {
                for (int x = 0; x < DIMS[0]; x++) {
                    double r2 = Math.pow((x - 7.5) / 6, 2) + Math.pow((y - 6.5) / 5, 2) + Math.pow((z - 5.5) / 4.5, 2);
                    v[(z * DIMS[1] + y) * DIMS[0] + x] = r2 < 1 ? (r2 < 0.3 ? 160 : 100) : 0;
                }
            }
        }
        return v;
    }

    static float[] noisy(float[] clean, double sigma) {
        return noisy(clean, sigma, 16);
    }

    static float[] noisy(float[] clean, double sigma, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = clean.clone();
        for (int i = 0; i < v.length; i++) {
            // Box-Muller
            v[i] += (float) (sigma * Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()));
        }
        return v;
    }

    static Volume volume(float[] data) {
        Matrix4d affine = new Matrix4d().scaling(2, 1, 1.5).setTranslation(-10, 20, 5);
        return Volume.builder(data, DIMS[0], DIMS[1], DIMS[2]).affine(affine, XformCode.SCANNER_ANAT).build();
    }

    @Test
    void gaussianNodeTakesSigmaInMillimetresAndKeepsTheGrid() throws Exception {
        Volume in = volume(noisy(clean(), 20));
        Volume out = (Volume) run(new GaussianSmoothNode(), Map.of("volume", in), Map.of("sigma", "3")).get("volume");
        assertEquals(in.affine(), out.affine());
        assertEquals(in.xformCode(), out.xformCode());
        assertArrayEquals(in.dimensions(), out.dimensions());
        float[] expected = GaussianSmoothing.smooth(in.toFloatArray(), DIMS, new double[] {1.5, 3, 2}, 4);
        assertArrayEquals(expected, out.toFloatArray(), 1e-4f);
        Volume vox = (Volume) run(new GaussianSmoothNode(), Map.of("volume", in), Map.of("sigma", "1, 1, 2", "unit", "voxels")).get("volume");
        assertArrayEquals(GaussianSmoothing.smooth(in.toFloatArray(), DIMS, new double[] {1, 1, 2}, 4), vox.toFloatArray(), 1e-4f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new GaussianSmoothNode(), Map.of("volume", in), Map.of("sigma", "1, 2")));
        assertTrue(e.getMessage().contains("one per axis"), e.getMessage());
    }

    @Test
    void nonLocalMeansNodeDenoisesAndQualityNodeScoresIt() throws Exception {
        float[] clean = clean();
        Volume noisy = volume(noisy(clean, 20));
        Volume nlm = (Volume) run(new NonLocalMeansNode(), Map.of("volume", noisy), Map.of("patchRadius", 1, "searchRadius", 2)).get("volume");
        assertEquals(noisy.affine(), nlm.affine());
        Volume slices = (Volume) run(new NonLocalMeansNode(), Map.of("volume", noisy),
                Map.of("patchRadius", 1, "searchRadius", 2, "mode", "slices")).get("volume");
        Table before = (Table) run(new ImageQualityNode(), Map.of("clean", volume(clean), "volume", noisy), Map.of("dataRange", 160.0)).get("table");
        Table after = (Table) run(new ImageQualityNode(), Map.of("clean", volume(clean), "volume", nlm), Map.of("dataRange", 160.0)).get("table");
        Table after2d = (Table) run(new ImageQualityNode(), Map.of("clean", volume(clean), "volume", slices), Map.of()).get("table");
        assertEquals(1 + DIMS[2], after.rowCount());
        double psnrBefore = ((NumericColumn) before.column("psnr_db")).get(0);
        double psnrAfter = ((NumericColumn) after.column("psnr_db")).get(0);
        double psnr2d = ((NumericColumn) after2d.column("psnr_db")).get(0);
        assertEquals(ImageQuality.psnr(clean, noisy.toFloatArray(), 160), psnrBefore, 1e-12);
        assertEquals(ImageQuality.ssim(clean, nlm.toFloatArray(), DIMS, 160), ((NumericColumn) after.column("ssim")).get(0), 1e-12);
        assertEquals(ImageQuality.ssimPerSlice(clean, nlm.toFloatArray(), DIMS, 160)[4], ((NumericColumn) after.column("ssim")).get(5), 1e-12);
        assertTrue(psnrAfter > psnrBefore + 3, psnrBefore + " -> " + psnrAfter + " dB");
        assertTrue(psnr2d > psnrBefore + 2 && Math.abs(psnr2d - psnrAfter) > 0.1, "slice mode differs: " + psnr2d + " vs " + psnrAfter);
        assertTrue(((NumericColumn) after.column("ssim")).get(0) > ((NumericColumn) before.column("ssim")).get(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(new ImageQualityNode(),
                Map.of("clean", volume(clean), "volume", Volume.builder(new float[16 * 14], 16, 14).build()), Map.of()));
        assertTrue(e.getMessage().contains("not on the same grid"), e.getMessage());
    }

    @Test
    void noiseLevelNodeEstimatesGaussianAndRicianSigma() throws Exception {
        float[] clean = clean();
        Table t = (Table) run(new NoiseLevelNode(), Map.of("volume", volume(noisy(clean, 12))), Map.of()).get("table");
        assertEquals(1, t.rowCount());
        assertEquals(12, ((NumericColumn) t.column("sigma")).get(0), 2.5, "wavelet MAD on a 16x14x12 phantom");
        // a magnitude image: |clean + n1 + i n2|, background where clean is 0
        float[] a = noisy(clean, 8);
        float[] b = noisy(new float[clean.length], 8, 17);
        float[] mag = new float[clean.length];
        float[] bg = new float[clean.length];
        for (int i = 0; i < mag.length; i++) {
            mag[i] = (float) Math.hypot(a[i], b[i]);
            bg[i] = clean[i] == 0 ? 1 : 0;
        }
        Table r = (Table) run(new NoiseLevelNode(), Map.of("volume", volume(mag), "background", volume(bg)), Map.of()).get("table");
        assertEquals(2, r.rowCount());
        assertEquals(8, ((NumericColumn) r.column("sigma")).get(1), 0.8, "Rician background estimate");
    }
}
