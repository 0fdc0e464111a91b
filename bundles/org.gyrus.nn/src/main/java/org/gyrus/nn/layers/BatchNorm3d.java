package org.gyrus.nn.layers;

/**
 * PyTorch's {@code nn.BatchNorm3d}: parameters {@code weight}, {@code bias} and buffers
 * {@code running_mean}, {@code running_var}, {@code num_batches_tracked}; batch statistics in
 * training (updating the running ones), running statistics in evaluation.
 */
public final class BatchNorm3d extends BatchNormLayer {

    /**
     * @param numFeatures       channels
     * @param eps               added to the variance (PyTorch's default 1e-5)
     * @param momentum          weight of each new batch in the running statistics (default 0.1)
     * @param affine            learn a per-channel scale and shift
     * @param trackRunningStats keep running statistics (otherwise batch statistics always)
     */
    public BatchNorm3d(int numFeatures, float eps, float momentum, boolean affine, boolean trackRunningStats) {
        super(3, numFeatures, eps, momentum, affine, trackRunningStats);
    }

    /**
     * @param numFeatures channels; PyTorch's defaults for the rest
     */
    public BatchNorm3d(int numFeatures) {
        this(numFeatures, 1e-5f, 0.1f, true, true);
    }

    static BatchNorm3d build(Options o) {
        o.allow("num_features", "eps", "momentum", "affine", "track_running_stats");
        if (!o.has("momentum") && o.isPresent("momentum")) {
            throw o.error("option \"momentum\" = null (a cumulative average) is not supported; give a number");
        }
        return new BatchNorm3d(o.integer("num_features"), o.real("eps", 1e-5f), o.real("momentum", 0.1f),
                o.bool("affine", true), o.bool("track_running_stats", true));
    }
}
