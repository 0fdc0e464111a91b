package org.gyrus.nn.layers;

import java.util.Random;
import org.gyrus.nn.LinearActivation;
import org.gyrus.nn.Tensor;

/** Affine map over the last axis, {@code y = x W^T + b}, with PyTorch's parameter names and layout. */
public final class Linear extends Module {

    private final Tensor weight;
    private final Tensor bias;

    /**
     * Creates a layer with PyTorch's default initialisation.
     *
     * @param in     input features
     * @param out    output features
     * @param bias   whether to add a bias
     * @param random seeded source for the initial weights
     */
    public Linear(int in, int out, boolean bias, Random random) {
        this.weight = parameter("weight", Tensor.zeros(out, in));
        this.bias = bias ? parameter("bias", Tensor.zeros(out)) : null;
        Init.linearDefault(weight, this.bias, random);
    }

    /**
     * Creates a layer with a bias and PyTorch's default initialisation.
     *
     * @param in     input features
     * @param out    output features
     * @param random seeded source for the initial weights
     */
    public Linear(int in, int out, Random random) {
        this(in, out, true, random);
    }

    /** @return the {@code [out, in]} weight (live parameter) */
    public Tensor weight() {
        return weight;
    }

    /** @return the {@code [out]} bias (live parameter), or null */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.linear(weight, bias);
    }

    /**
     * Computes {@code activation(input @ weight^T + bias)} as one operation (see
     * {@link Tensor#linear(Tensor, Tensor, LinearActivation)}): the values of {@link #forward(Tensor)}
     * followed by the activation, with fewer passes and arrays.
     *
     * @param input      {@code [..., in]}
     * @param activation applied to every output
     * @return {@code [..., out]}
     */
    public Tensor forward(Tensor input, LinearActivation activation) {
        return input.linear(weight, bias, activation);
    }

    @Override
    public java.util.Map<String, Object> describe() {
        return Options.describe("Linear", "in_features", weight.dim(1), "out_features", weight.dim(0), "bias", bias != null);
    }

    static Linear build(Options o) {
        o.allow("in_features", "out_features", "bias");
        return new Linear(o.integer("in_features"), o.integer("out_features"), o.bool("bias", true), new Random(0));
    }
}
