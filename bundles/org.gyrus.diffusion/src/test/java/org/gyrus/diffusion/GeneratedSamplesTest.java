package org.gyrus.diffusion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.gyrus.samples.CohortGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The evidence on generation: a small model trained here (the budget of the cohort
 * denoising evidence: 128 axial slices inside the brain mask of 8 noiseless phantoms of the samples
 * cohort, 12 epochs of batch 4, U-Net 8, 16; seeded) generates slices whose intensity histogram is
 * close to the phantoms'. The distance is the 1-D Wasserstein distance (scipy's
 * wasserstein_distance, {@link Histograms}) between all voxel intensities of 16 DDIM samples (20
 * steps, η = 0, as the train node's report) and of the training slices, divided by the training
 * intensity range. It must be below half that of Gaussian noise with the training images' mean and
 * SD, and below that of a constant image at the training mean; a held-out subject's real slices
 * (the floor) and the training slices blurred with a 2-voxel Gaussian are printed beside them.
 */
class GeneratedSamplesTest {

    static final int SIZE = 48;

    @Test
    void samplesOfAVelocityModelHaveThePhantomsHistogram() throws InterruptedException {
        Distances d = distances(Prediction.V);
        assertTrue(d.samples < 0.5 * d.gaussian, "samples " + d.samples + " vs matched Gaussian noise " + d.gaussian);
        assertTrue(d.samples < d.constant, "samples " + d.samples + " vs a constant image at the mean " + d.constant);
    }

    /** The same budget with ε prediction (the samples' histogram is farther than Gaussian noise's): run on request, for the record. */
    @Test
    @EnabledIfSystemProperty(named = "gyrus.diffusion.epsilonSamples", matches = "true")
    void samplesOfAnEpsilonModelForTheRecord() throws InterruptedException {
        distances(Prediction.EPSILON);
    }

    record Distances(double samples, double gaussian, double constant, double blurred, double heldOut) {
    }

    static Distances distances(Prediction prediction) throws InterruptedException {
        CohortGenerator.Cohort cohort = new CohortGenerator(10, SIZE, 0.5, 0.1, 0.0, 16).generate(1);
        List<String> ids = cohort.volumes().ids();
        float[] maskValues = cohort.brainMask().toFloatArray();
        boolean[] mask = new boolean[maskValues.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = maskValues[i] != 0;
        }
        int[] grid = {SIZE, SIZE, SIZE};
        TrainingImages train = new TrainingImages(2, 0, grid);
        for (int i = 0; i < ids.size() - 2; i++) {
            train.add(cohort.volumes().get(ids.get(i)).toFloatArray(), mask);
        }
        train.limit(128, 16);
        float[] x = train.values();
        int n = train.count();
        double low = Arrays.stream(box(x)).min().orElseThrow();
        double high = Arrays.stream(box(x)).max().orElseThrow();
        DiffusionModel model = DiffusionTraining.train(x, n, train.shape(), low, high, new DiffusionTraining.Settings(12, 4, 2e-3, 0.995, 1.0,
                prediction, "linear", 1000, new int[] {8, 16}, 16), (a, b) -> { });

        int k = 16;
        int size = model.sampleSize();
        Random random = new Random(17);
        float[] samples = new float[k * size];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) random.nextGaussian();
        }
        Sampler sampler = model.sampler();
        sampler.ddim(model.asSamplerModel(new int[] {SIZE, SIZE}), samples, k, Sampler.ddimTimesteps(1000, 20), 0, z -> { }, (a, b) -> { });
        model.fromModelScale(samples);

        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (float v : x) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / x.length);
        float[] gaussian = new float[k * size];
        for (int i = 0; i < gaussian.length; i++) {
            gaussian[i] = (float) (mean + sd * random.nextGaussian());
        }
        float[] blurred = new float[k * size];
        for (int i = 0; i < k; i++) {
            float[] b = GaussianSmoothing.smooth(Arrays.copyOfRange(x, i * size, (i + 1) * size), new int[] {SIZE, SIZE}, new double[] {2, 2},
                    GaussianSmoothing.DEFAULT_TRUNCATE);
            System.arraycopy(b, 0, blurred, i * size, size);
        }
        TrainingImages held = new TrainingImages(2, 0, grid);
        held.add(cohort.volumes().get(ids.get(ids.size() - 1)).toFloatArray(), mask);
        double range = high - low;
        Distances d = new Distances(Histograms.wasserstein(samples, x) / range, Histograms.wasserstein(gaussian, x) / range,
                Histograms.wasserstein(new float[] {(float) mean}, x) / range, Histograms.wasserstein(blurred, x) / range,
                Histograms.wasserstein(held.values(), x) / range);
        System.out.printf(Locale.ROOT, "cohort slices, %s model: W1/range of the intensity histograms to the training slices: samples %.4f; "
                + "matched Gaussian noise %.4f; constant at the mean %.4f; training slices blurred (2 voxels) %.4f; held-out subject's "
                + "slices %.4f%n", prediction.id(), d.samples, d.gaussian, d.constant, d.blurred, d.heldOut);
        return d;
    }

    private static double[] box(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
