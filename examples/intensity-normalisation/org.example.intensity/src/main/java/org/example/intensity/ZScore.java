package org.example.intensity;

/**
 * Z-score intensity normalisation of one image, plain Java on a float array: the mean and the
 * (population) standard deviation of the voxels above a threshold (the head, not the background),
 * then {@code (x - mean) / sd} for those voxels and 0 for the others.
 */
public final class ZScore {

    /** The statistics of the voxels that were normalised. */
    public record Statistics(double mean, double sd, long voxels) {
    }

    private ZScore() {
    }

    /** The mean and standard deviation of the voxels strictly above {@code threshold}. */
    public static Statistics statistics(float[] voxels, double threshold) {
        long n = 0;
        double sum = 0;
        for (float v : voxels) {
            if (v > threshold) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no voxel is above the threshold " + threshold + ": lower the threshold");
        }
        double mean = sum / n;
        double squares = 0;
        for (float v : voxels) {
            if (v > threshold) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new Statistics(mean, Math.sqrt(squares / n), n);
    }

    /** The normalised voxels: {@code (x - mean) / sd} above the threshold, 0 elsewhere. */
    public static float[] normalise(float[] voxels, double threshold, Statistics s) {
        if (s.sd() == 0) {
            throw new IllegalArgumentException("every voxel above the threshold has the same value " + s.mean()
                    + ": the image cannot be normalised");
        }
        float[] out = new float[voxels.length];
        for (int i = 0; i < voxels.length; i++) {
            out[i] = voxels[i] > threshold ? (float) ((voxels[i] - s.mean()) / s.sd()) : 0f;
        }
        return out;
    }
}
