package org.gyrus.nn.layers;

import java.util.Arrays;
import java.util.Map;
import org.gyrus.nn.Tensor;

/** What BatchNorm2d and BatchNorm3d share. */
abstract class BatchNormLayer extends Module {

    private final int dims;
    final int numFeatures;
    final float eps;
    final float momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    BatchNormLayer(int dims, int numFeatures, float eps, float momentum, boolean affine, boolean trackRunningStats) {
        this.dims = dims;
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? parameter("weight", Tensor.full(1f, numFeatures)) : null;
        this.bias = affine ? parameter("bias", Tensor.zeros(numFeatures)) : null;
        if (trackRunningStats) {
            runningMean = buffer("running_mean", Tensor.zeros(numFeatures), false);
            runningVar = buffer("running_var", Tensor.full(1f, numFeatures), false);
            numBatchesTracked = buffer("num_batches_tracked", Tensor.zeros(), true);
        } else {
            runningMean = null;
            runningVar = null;
            numBatchesTracked = null;
        }
    }

    /** @return the running mean (live buffer), or null */
    public Tensor runningMean() {
        return runningMean;
    }

    /** @return the running variance (live buffer), or null */
    public Tensor runningVar() {
        return runningVar;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.rank() != dims + 2 || input.dim(1) != numFeatures) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + numFeatures + "): expected input [N, "
                    + numFeatures + (dims == 2 ? ", H, W]" : ", D, H, W]") + ", got " + Arrays.toString(input.shape()));
        }
        boolean batchStats = isTraining() || runningMean == null;
        if (isTraining() && numBatchesTracked != null) {
            numBatchesTracked.data()[0] += 1;
        }
        return input.batchNorm(weight, bias, runningMean, runningVar, batchStats,
                momentum, eps);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe(getClass().getSimpleName(), "num_features", numFeatures, "eps", eps,
                "momentum", momentum, "affine", weight != null, "track_running_stats", runningMean != null);
    }
}
