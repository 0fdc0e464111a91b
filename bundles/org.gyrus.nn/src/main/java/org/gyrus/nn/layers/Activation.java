package org.gyrus.nn.layers;

import java.util.function.UnaryOperator;
import org.gyrus.nn.Tensor;

/** A parameter-free elementwise function as a module, for use in {@link Sequential}. */
public final class Activation extends Module {

    private final String name;
    private final UnaryOperator<Tensor> fn;

    private Activation(String name, UnaryOperator<Tensor> fn) {
        this.name = name;
        this.fn = fn;
    }

    /** @return ReLU */
    public static Activation relu() {
        return new Activation("ReLU", Tensor::relu);
    }

    /**
     * @param slope negative slope
     * @return leaky ReLU
     */
    public static Activation leakyRelu(float slope) {
        return new Activation("LeakyReLU", t -> t.leakyRelu(slope));
    }

    /** @return ELU with alpha 1 */
    public static Activation elu() {
        return new Activation("ELU", t -> t.elu(1f));
    }

    /** @return exact GELU */
    public static Activation gelu() {
        return new Activation("GELU", Tensor::gelu);
    }

    /** @return tanh-approximated GELU */
    public static Activation geluTanh() {
        return new Activation("GELU(tanh)", Tensor::geluTanh);
    }

    /** @return SiLU */
    public static Activation silu() {
        return new Activation("SiLU", Tensor::silu);
    }

    /** @return the logistic sigmoid */
    public static Activation sigmoid() {
        return new Activation("Sigmoid", Tensor::sigmoid);
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
    public String toString() {
        return name;
    }
}
