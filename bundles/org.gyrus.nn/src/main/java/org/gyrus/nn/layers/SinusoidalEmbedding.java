package org.gyrus.nn.layers;

import java.util.Map;
import org.gyrus.nn.Tensor;

/**
 * The sinusoidal timestep embedding of diffusion models (Ho et al. 2020, as in their code and in
 * diffusers' {@code get_timestep_embedding} with its defaults): for {@code half = dim / 2},
 * frequencies {@code f_i = exp(-ln(maxPeriod) * i / (half - 1))} and
 * {@code emb = [sin(t * f), cos(t * f)]}; an odd dim gets a zero last column. Computed in float
 * in the same steps as the PyTorch code, so the phases agree. No parameters; no gradient.
 */
public final class SinusoidalEmbedding extends Module {

    private final int dim;
    private final float maxPeriod;

    /**
     * @param dim       embedding width (at least 4)
     * @param maxPeriod longest period (10000 in the papers)
     */
    public SinusoidalEmbedding(int dim, float maxPeriod) {
        if (dim < 4) {
            throw new IllegalArgumentException("SinusoidalEmbedding: dim must be at least 4, got " + dim);
        }
        this.dim = dim;
        this.maxPeriod = maxPeriod;
    }

    /**
     * @param dim embedding width; max period 10000
     */
    public SinusoidalEmbedding(int dim) {
        this(dim, 10000f);
    }

    /**
     * Embeds timesteps.
     *
     * @param timesteps {@code [B]} (any float values)
     * @return {@code [B, dim]}
     */
    @Override
    public Tensor forward(Tensor timesteps) {
        if (timesteps.rank() != 1) {
            throw new IllegalArgumentException("SinusoidalEmbedding: timesteps must be [B], got "
                    + java.util.Arrays.toString(timesteps.shape()));
        }
        int b = timesteps.dim(0);
        int half = dim / 2;
        float[] freq = new float[half];
        float logPeriod = (float) -Math.log(maxPeriod);
        for (int i = 0; i < half; i++) {
            freq[i] = (float) Math.exp(logPeriod * i / (half - 1));
        }
        float[] t = timesteps.data();
        float[] out = new float[b * dim];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < half; i++) {
                float arg = t[r] * freq[i];
                out[r * dim + i] = (float) Math.sin(arg);
                out[r * dim + half + i] = (float) Math.cos(arg);
            }
        }
        return Tensor.wrap(out, b, dim);
    }

    @Override
    public Map<String, Object> describe() {
        return Options.describe("SinusoidalEmbedding", "dim", dim, "max_period", maxPeriod);
    }

    static SinusoidalEmbedding build(Options o) {
        o.allow("dim", "max_period");
        return new SinusoidalEmbedding(o.integer("dim"), o.real("max_period", 10000f));
    }
}
