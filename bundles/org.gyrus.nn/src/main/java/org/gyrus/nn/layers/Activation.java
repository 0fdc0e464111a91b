package org.gyrus.nn.layers;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.gyrus.nn.LinearActivation;
import org.gyrus.nn.Tensor;

/** A parameter-free elementwise function as a module, for use in {@link Sequential}. */
public final class Activation extends Module {

    private final String name;
    private final UnaryOperator<Tensor> fn;
    private final Map<String, Object> description;
    /** The same function as a {@link Linear}'s fused activation, or null if it has none. */
    private final LinearActivation fused;

    private Activation(String name, UnaryOperator<Tensor> fn, Object... options) {
        this(name, fn, null, options);
    }

    private Activation(String name, UnaryOperator<Tensor> fn, LinearActivation fused, Object... options) {
        this.name = name;
        this.fn = fn;
        this.fused = fused;
        this.description = Options.describe(name, options);
    }

    /** @return this function as a Linear layer's fused activation (see {@link Sequential}), or null */
    LinearActivation fused() {
        return fused;
    }

    /** @return ReLU */
    public static Activation relu() {
        return new Activation("ReLU", Tensor::relu, LinearActivation.RELU);
    }

    /**
     * @param slope negative slope
     * @return leaky ReLU
     */
    public static Activation leakyRelu(float slope) {
        return new Activation("LeakyReLU", t -> t.leakyRelu(slope), "negative_slope", slope);
    }

    /** @return ELU with alpha 1 */
    public static Activation elu() {
        return new Activation("ELU", t -> t.elu(1f), "alpha", 1f);
    }

    /** @return exact GELU */
    public static Activation gelu() {
        return new Activation("GELU", Tensor::gelu, "approximate", "none");
    }

    /** @return tanh-approximated GELU */
    public static Activation geluTanh() {
        return new Activation("GELU", Tensor::geluTanh, "approximate", "tanh");
    }

    /** @return SiLU */
    public static Activation silu() {
        return new Activation("SiLU", Tensor::silu, LinearActivation.SILU);
    }

    /** @return the logistic sigmoid */
    public static Activation sigmoid() {
        return new Activation("Sigmoid", Tensor::sigmoid, LinearActivation.SIGMOID);
    }

    /** @return tanh */
    public static Activation tanh() {
        return new Activation("Tanh", Tensor::tanh);
    }

    /** @return softplus */
    public static Activation softplus() {
        return new Activation("Softplus", Tensor::softplus);
    }

    @Override
    public Tensor forward(Tensor input) {
        return fn.apply(input);
    }

    @Override
    public Map<String, Object> describe() {
        return new java.util.LinkedHashMap<>(description);
    }

    @Override
    public String toString() {
        return description.containsKey("approximate") && "tanh".equals(description.get("approximate")) ? "GELU(tanh)" : name;
    }

    static Activation build(String type, Options o) {
        switch (type) {
            case "LeakyReLU" -> o.allow("negative_slope", "inplace");
            case "ELU" -> o.allow("alpha", "inplace");
            case "GELU" -> o.allow("approximate");
            case "Softplus" -> {
                o.allow("beta", "threshold");
                o.only("beta", 1L, "Softplus with beta 1 only");
                o.only("threshold", 20L, "Softplus with threshold 20 only");
            }
            default -> o.allow("inplace");
        }
        return switch (type) {
            case "ReLU" -> relu();
            case "LeakyReLU" -> leakyRelu(o.real("negative_slope", 0.01f));
            case "ELU" -> {
                if (o.real("alpha", 1f) != 1f) {
                    throw o.error("ELU supports alpha 1 only");
                }
                yield elu();
            }
            case "GELU" -> switch (o.text("approximate", "none")) {
                case "none" -> gelu();
                case "tanh" -> geluTanh();
                default -> throw o.error("GELU approximate must be \"none\" or \"tanh\"");
            };
            case "SiLU" -> silu();
            case "Sigmoid" -> sigmoid();
            case "Tanh" -> tanh();
            case "Softplus" -> softplus();
            default -> throw o.error("not an activation: " + type);
        };
    }
}
