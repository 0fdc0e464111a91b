package org.gyrus.diffusion.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.diffusion.AddedNoise;
import org.gyrus.diffusion.DenoisingEvaluation;
import org.gyrus.diffusion.DiffusionModel;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.NodeType;
import org.junit.jupiter.api.Test;

/** The diffusion model nodes, run without a framework through {@link NodeRun}. */
class DiffusionNodesTest {

    private static Map<String, Object> run(NodeType node, Map<String, Object> inputs, Map<String, Object> params) throws Exception {
        NodeRun.Builder b = NodeRun.builder(node.descriptor()).seed(3);
        inputs.forEach(b::input);
        params.forEach(b::parameter);
        return b.build().execute(node);
    }

    private static VolumeSet phantoms() {
        Map<String, Volume> m = new LinkedHashMap<>();
        float[] clean = NodesTest.clean();
        for (int i = 0; i < 3; i++) {
            float[] v = clean.clone();
            for (int k = 0; k < v.length; k++) {
                v[k] *= 0.8f + 0.2f * i;
            }
            m.put("s" + i, NodesTest.volume(v));
        }
        return VolumeSet.of(m);
    }

    private static Volume mask() {
        float[] c = NodesTest.clean();
        float[] m = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            m[i] = c[i] > 0 ? 1 : 0;
        }
        return NodesTest.volume(m);
    }

    private static final Map<String, Object> QUICK = Map.of("epochs", 2, "channels", new int[] {4, 8}, "batchSize", 4, "reportSamples", 3,
            "reportSteps", 4);

    private static ModelArtifact trained() throws Exception {
        return (ModelArtifact) run(new TrainNode(), Map.of("volumes", phantoms(), "mask", mask()), QUICK).get("model");
    }

    @Test
    void trainNodeLearnsFromSlicesInsideTheMaskAndReports() throws Exception {
        Map<String, Object> out = run(new TrainNode(), Map.of("volumes", phantoms(), "mask", mask()), QUICK);
        DiffusionModel model = DiffusionModel.fromArtifact((ModelArtifact) out.get("model"));
        assertArrayEquals(new int[] {1, NodesTest.DIMS[1], NodesTest.DIMS[0]}, model.sampleShape(), "whole axial slices, y by x");
        assertEquals(2, ((Table) out.get("curve")).rowCount());
        FeatureMatrix samples = (FeatureMatrix) out.get("samples");
        assertEquals(3, samples.rows());
        assertArrayEquals(model.sampleShape(), samples.sampleShape());
        Report report = (Report) out.get("report");
        List<String> names = report.items().stream().filter(i -> i instanceof Report.Figure).map(i -> ((Report.Figure) i).name()).toList();
        assertEquals(List.of("diffusion_loss", "diffusion_samples", "diffusion_training_images"), names);
        Table distance = report.items().stream().filter(i -> i instanceof Report.Metrics m && m.name().equals("diffusion_histogram_distance"))
                .map(i -> ((Report.Metrics) i).table()).findFirst().orElseThrow();
        assertTrue(((NumericColumn) distance.column("wasserstein")).get(0) >= 0);
        // only the slices with mask voxels, of each of the 3 subjects
        assertTrue(countMaskSlices() < NodesTest.DIMS[2]);
        assertEquals(3 * countMaskSlices(), model.trainingImages());
        Map<String, Object> all = run(new TrainNode(), Map.of("volumes", phantoms()), Map.of("epochs", 1, "channels", new int[] {4}, "reportSamples", 0));
        assertEquals(3 * NodesTest.DIMS[2], DiffusionModel.fromArtifact((ModelArtifact) all.get("model")).trainingImages());
        Map<String, Object> capped = run(new TrainNode(), Map.of("volumes", phantoms()), Map.of("epochs", 1, "channels", new int[] {4},
                "reportSamples", 0, "maxImages", 5));
        assertEquals(5, DiffusionModel.fromArtifact((ModelArtifact) capped.get("model")).trainingImages());
        Map<String, Object> patches = run(new TrainNode(), Map.of("volumes", phantoms()), Map.of("epochs", 1, "channels", new int[] {4},
                "patchSize", 8, "dims", "3", "reportSamples", 0));
        assertArrayEquals(new int[] {1, 8, 8, 8}, DiffusionModel.fromArtifact((ModelArtifact) patches.get("model")).sampleShape());
        assertEquals(0, ((FeatureMatrix) patches.get("samples")).rows());
    }

    private static int countMaskSlices() {
        float[] m = mask().toFloatArray();
        int plane = NodesTest.DIMS[0] * NodesTest.DIMS[1];
        int n = 0;
        for (int z = 0; z < NodesTest.DIMS[2]; z++) {
            for (int i = 0; i < plane; i++) {
                if (m[z * plane + i] != 0) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    @Test
    void trainNodeTakesRowsWithASampleShapeAndRefusesBadInputs() throws Exception {
        float[] rows = new float[6 * 64];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (i * 37 % 101) / 100f;
        }
        FeatureMatrix m = new FeatureMatrix(rows, List.of("a", "b", "c", "d", "e", "f"), names(64)).withSampleShape(1, 8, 8);
        Map<String, Object> out = run(new TrainNode(), Map.of("images", m), Map.of("epochs", 1, "channels", new int[] {4}, "reportSamples", 2,
                "reportSteps", 2));
        assertArrayEquals(new int[] {1, 8, 8}, DiffusionModel.fromArtifact((ModelArtifact) out.get("model")).sampleShape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(new TrainNode(),
                Map.of("images", new FeatureMatrix(rows, List.of("a", "b", "c", "d", "e", "f"), names(64))), Map.of()));
        assertTrue(e.getMessage().contains("input 'images' needs rows with a sample shape"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> run(new TrainNode(), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("connect exactly one of the inputs 'images'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> run(new TrainNode(), Map.of("volumes", phantoms(),
                "mask", Volume.builder(new float[8], 2, 2, 2).build()), Map.of()));
        assertTrue(e.getMessage().contains("input 'mask' [2, 2, 2] is not on the volumes' grid"), e.getMessage());
    }

    private static List<String> names(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "p" + i).toList();
    }

    @Test
    void sampleNodeGeneratesWithDdimAndDdpm() throws Exception {
        ModelArtifact model = trained();
        FeatureMatrix ddim = (FeatureMatrix) run(new SampleNode(), Map.of("model", model), Map.of("count", 2, "steps", 5)).get("samples");
        assertEquals(2, ddim.rows());
        assertArrayEquals(new int[] {1, NodesTest.DIMS[1], NodesTest.DIMS[0]}, ddim.sampleShape());
        FeatureMatrix again = (FeatureMatrix) run(new SampleNode(), Map.of("model", model), Map.of("count", 2, "steps", 5)).get("samples");
        assertArrayEquals(ddim.toArray(), again.toArray(), 0f, "seeded");
        FeatureMatrix eta = (FeatureMatrix) run(new SampleNode(), Map.of("model", model), Map.of("count", 2, "steps", 5, "eta", 1.0)).get("samples");
        assertTrue(maxDiff(ddim.toArray(), eta.toArray()) > 1e-3, "eta changes the samples");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(new SampleNode(), Map.of("model", model), Map.of("steps", 2000)));
        assertEquals("node 'node' (diffusion sampling): parameter 'steps' = 2000 exceeds the model's 1000 diffusion steps", e.getMessage().replaceAll("node '[^']*'", "node 'node'"));
        ModelArtifact notDiffusion = ModelArtifact.builder("network").metadata("task", "classification").build();
        e = assertThrows(IllegalArgumentException.class, () -> run(new SampleNode(), Map.of("model", notDiffusion), Map.of()));
        assertTrue(e.getMessage().contains("input 'model': The network is not a diffusion model"), e.getMessage());
    }

    @Test
    void ddpmSamplingRunsEveryStepOfTheSchedule() throws Exception {
        ModelArtifact small = (ModelArtifact) run(new TrainNode(), Map.of("volumes", phantoms(), "mask", mask()),
                Map.of("epochs", 1, "channels", new int[] {4}, "trainSteps", 40, "reportSamples", 0)).get("model");
        FeatureMatrix s = (FeatureMatrix) run(new SampleNode(), Map.of("model", small), Map.of("count", 1, "sampler", "ddpm")).get("samples");
        assertEquals(1, s.rows());
        assertTrue(java.util.stream.IntStream.range(0, s.cols()).allMatch(i -> Float.isFinite(s.get(0, i))));
    }

    @Test
    void denoiseNodeKeepsTheGridAndAffineAndEstimatesSigma() throws Exception {
        ModelArtifact model = trained();
        Volume clean = NodesTest.volume(NodesTest.clean());
        Volume noisy = (Volume) run(new AddNoiseNode(), Map.of("volume", clean), Map.of("level", 0.1)).get("volume");
        assertEquals(clean.affine(), noisy.affine());
        assertEquals(16, stdDiff(clean.toFloatArray(), noisy.toFloatArray()), 1.0, "σ = 0.1 × range 160");
        Map<String, Object> out = run(new DenoiseNode(), Map.of("model", model, "volume", noisy), Map.of());
        Volume d = (Volume) out.get("volume");
        assertEquals(noisy.affine(), d.affine());
        assertEquals(noisy.xformCode(), d.xformCode());
        assertArrayEquals(noisy.dimensions(), d.dimensions());
        Table t = (Table) out.get("table");
        assertEquals("wavelet-mad", ((TextColumn) t.column("estimate")).get(0));
        assertEquals(16, ((NumericColumn) t.column("sigma")).get(0), 4);
        Table given = (Table) run(new DenoiseNode(), Map.of("model", model, "volume", noisy), Map.of("sigma", 16.0)).get("table");
        assertEquals("given", ((TextColumn) given.column("estimate")).get(0));
        assertTrue(((NumericColumn) given.column("timestep")).get(0) > 0);
        float[] bg = new float[clean.toFloatArray().length];
        float[] c = clean.toFloatArray();
        for (int i = 0; i < bg.length; i++) {
            bg[i] = c[i] == 0 ? 1 : 0;
        }
        Volume rician = (Volume) run(new AddNoiseNode(), Map.of("volume", clean), Map.of("level", 0.1, "noise", "rician")).get("volume");
        Table r = (Table) run(new DenoiseNode(), Map.of("model", model, "volume", rician, "background", NodesTest.volume(bg)), Map.of()).get("table");
        assertEquals("rician-background", ((TextColumn) r.column("estimate")).get(0));
        assertEquals(16, ((NumericColumn) r.column("sigma")).get(0), 2);
    }

    @Test
    void evaluationNodeScoresTheFourMethodsAtEachLevel() throws Exception {
        ModelArtifact model = trained();
        Volume clean = NodesTest.volume(NodesTest.clean());
        Map<String, Object> out = run(new EvaluateDenoisersNode(), Map.of("clean", clean, "model", model),
                Map.of("levels", "0.05, 0.1", "nlmSearch", 2));
        Table summary = (Table) out.get("summary");
        assertEquals(8, summary.rowCount());
        assertEquals(DenoisingEvaluation.METHODS, List.of(((TextColumn) summary.column("method")).get(0), ((TextColumn) summary.column("method")).get(1),
                ((TextColumn) summary.column("method")).get(2), ((TextColumn) summary.column("method")).get(3)));
        NumericColumn psnr = (NumericColumn) summary.column("psnr_db");
        // on this small sharp-edged phantom Gaussian smoothing helps only at the higher noise level
        assertTrue(psnr.get(5) > psnr.get(4) && psnr.get(2) > psnr.get(0) && psnr.get(6) > psnr.get(4), "Gaussian and NLM improve on the noisy volume");
        assertTrue(psnr.get(4) < psnr.get(0), "more noise, lower PSNR");
        Table slices = (Table) out.get("slices");
        assertEquals(8 * NodesTest.DIMS[2], slices.rowCount());
        Report report = (Report) out.get("report");
        assertEquals(List.of("denoisers_slice_psnr", "denoisers_side_by_side"), report.items().stream()
                .filter(i -> i instanceof Report.Figure).map(i -> ((Report.Figure) i).name()).toList());
        Volume denoised = (Volume) out.get("denoised");
        assertEquals(clean.affine(), denoised.affine());
        assertArrayEquals(clean.dimensions(), denoised.dimensions());
        assertEquals(psnr.get(3), org.gyrus.diffusion.ImageQuality.psnr(clean.toFloatArray(), denoised.toFloatArray(), 160), 1e-9,
                "the denoised output is the diffusion row's volume");
        assertEquals(psnr.get(0), org.gyrus.diffusion.ImageQuality.psnr(clean.toFloatArray(), ((Volume) out.get("noisy")).toFloatArray(), 160), 1e-9);
        Table without = (Table) run(new EvaluateDenoisersNode(), Map.of("clean", clean), Map.of("levels", "0.1", "nlmSearch", 2)).get("summary");
        assertEquals(3, without.rowCount());
        assertEquals(psnr.get(4), ((NumericColumn) without.column("psnr_db")).get(0), 1e-12, "same seed, same noise");
    }

    @Test
    void heldOutSubjectsAreLeftOutOfTrainingAndEvaluated() throws Exception {
        Map<String, Object> out = run(new TrainNode(), Map.of("volumes", phantoms(), "mask", mask()), Map.of("epochs", 1, "channels",
                new int[] {4}, "reportSamples", 0, "holdOut", 1));
        VolumeSet held = (VolumeSet) out.get("heldOut");
        assertEquals(List.of("s2"), held.ids());
        assertEquals(2 * countMaskSlices(), DiffusionModel.fromArtifact((ModelArtifact) out.get("model")).trainingImages());
        Table summary = (Table) run(new EvaluateDenoisersNode(), Map.of("volumes", held, "model", out.get("model")),
                Map.of("levels", "0.1", "nlmSearch", 1)).get("summary");
        float[] clean = held.get("s2").toFloatArray();
        assertEquals(4, summary.rowCount());
        assertEquals(0.1 * org.gyrus.diffusion.AddedNoise.range(clean), ((NumericColumn) summary.column("sigma")).get(0), 1e-9);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(new TrainNode(), Map.of("volumes", phantoms()),
                Map.of("holdOut", 3)));
        assertTrue(e.getMessage().contains("parameter 'holdOut' = 3 leaves no volume to train on (there are 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> run(new EvaluateDenoisersNode(), Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("connect exactly one of the inputs 'clean' (a volume) and 'volumes'"), e.getMessage());
    }

    private static double stdDiff(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
