package org.gyrus.diffusion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.gyrus.nn.io.Safetensors;
import org.gyrus.nn.io.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the models and inputs of the PyTorch parity check (not a test): two diffusion models trained
 * here for a few steps on the MNI template (a 2-D ε model on axial slices, a 3-D v model on 8³
 * patches, cosine schedule) saved as network artifacts, and, for each, x_t of two template images
 * (for the 2-D model, slices it never saw) noised to four timesteps. Run once with {@code -Dgyrus.writeParity=true -Dtest=ParityModels}, then
 * {@code /usr/bin/python3 check/torch_parity.py}, and commit the outputs; {@link TorchParityTest}
 * reads them.
 */
class ParityModels {

    static final Path DIR = Path.of("testdata");
    /** The timesteps of the check, the same for every image of a call, as the sampler calls the model. */
    static final int[] TIMESTEPS = {0, 37, 480, 999};
    static final int IMAGES = 2;

    @Test
    @EnabledIfSystemProperty(named = "gyrus.writeParity", matches = "true")
    void write() throws IOException {
        float[] v = Template.voxels();
        Map<String, TensorData> inputs = new LinkedHashMap<>();

        // 2-D: 28×24 crops of axial slices 30..49, ε prediction, linear schedule; slices 50 and 51 held back
        int w = 24;
        int h = 28;
        float[] slices = new float[20 * w * h];
        for (int z = 30; z < 50; z++) {
            System.arraycopy(Template.slice(v, z, 30, 40, w, h), 0, slices, (z - 30) * w * h, w * h);
        }
        DiffusionModel flat = DiffusionTraining.train(slices, 20, new int[] {1, h, w}, 0, 255,
                new DiffusionTraining.Settings(3, 4, 2e-3, 0.9, 1.0, Prediction.EPSILON, "linear", 1000, new int[] {8, 16}, 5), (a, b) -> { });
        flat.toArtifact().save(DIR.resolve("parity_unet2d.safetensors"));
        float[] held = new float[IMAGES * w * h];
        for (int i = 0; i < IMAGES; i++) {
            System.arraycopy(Template.slice(v, 50 + i, 30, 40, w, h), 0, held, i * w * h, w * h);
        }
        noised(flat, held, new long[] {IMAGES, 1, h, w}, "unet2d", inputs, new Random(1));

        // 3-D: a seeded 24 of the 8³ patches cut every 4 voxels, v prediction, cosine schedule
        TrainingImages patches = new TrainingImages(3, 8, Template.DIMS);
        patches.add(v, null);
        patches.limit(24, 3);
        DiffusionModel deep = DiffusionTraining.train(patches.values(), patches.count(), patches.shape(), 0, 255,
                new DiffusionTraining.Settings(2, 4, 2e-3, 0.9, 1.0, Prediction.V, "cosine", 1000, new int[] {4, 8}, 6), (a, b) -> { });
        deep.toArtifact().save(DIR.resolve("parity_unet3d.safetensors"));
        float[] cube = new float[IMAGES * 512];
        for (int i = 0; i < IMAGES; i++) {
            for (int z = 0; z < 8; z++) {
                for (int y = 0; y < 8; y++) {
                    System.arraycopy(v, ((40 + 9 * i + z) * Template.DIMS[1] + 50 + y) * Template.DIMS[0] + 41, cube, i * 512 + (z * 8 + y) * 8, 8);
                }
            }
        }
        noised(deep, cube, new long[] {IMAGES, 1, 8, 8, 8}, "unet3d", inputs, new Random(2));
        Safetensors.write(DIR.resolve("parity_inputs.safetensors"), inputs, Map.of("generator", "ParityModels.java"));
    }

    /** x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε of the images on the model's scale, for each timestep. */
    private static void noised(DiffusionModel model, float[] images, long[] shape, String name, Map<String, TensorData> out, Random r) {
        float[] x0 = images.clone();
        model.toModelScale(x0);
        DiffusionSteps steps = new DiffusionSteps(model.schedule());
        for (int t : TIMESTEPS) {
            float[] eps = new float[x0.length];
            for (int i = 0; i < eps.length; i++) {
                eps[i] = (float) r.nextGaussian();
            }
            float[] xt = new float[x0.length];
            steps.qSample(x0, eps, t, xt);
            out.put(name + "/t" + t, TensorData.ofFloats(xt, shape));
        }
    }
}
