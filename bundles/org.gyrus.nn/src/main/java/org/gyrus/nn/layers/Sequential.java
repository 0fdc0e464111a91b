package org.gyrus.nn.layers;

import java.util.List;
import org.gyrus.nn.LinearActivation;
import org.gyrus.nn.Tensor;

/** Modules applied one after another; children are named "0", "1", ... as in PyTorch. */
public final class Sequential extends Module {

    private final List<Module> layers;

    /**
     * Chains modules.
     *
     * @param layers the modules, first applied first
     */
    public Sequential(Module... layers) {
        this.layers = List.of(layers);
        for (int i = 0; i < layers.length; i++) {
            child(Integer.toString(i), layers[i]);
        }
    }

    /** @return the modules in order (unmodifiable) */
    public List<Module> layers() {
        return layers;
    }

    @Override
    public java.util.Map<String, Object> describe() {
        java.util.List<Object> list = new java.util.ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            java.util.Map<String, Object> d = layers.get(i).describe();
            if (d == null) {
                return null;
            }
            list.add(d);
        }
        return Options.describe("Sequential", "layers", list);
    }

    /**
     * Runs the layers in order; a {@link Linear} followed by a ReLU, sigmoid or SiLU
     * {@link Activation} runs as one fused operation (same values, fewer passes and arrays).
     */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            LinearActivation fused = m instanceof Linear && i + 1 < layers.size()
                    && layers.get(i + 1) instanceof Activation a ? a.fused() : null;
            if (fused != null) {
                x = ((Linear) m).forward(x, fused);
                i++;
            } else {
                x = m.forward(x);
            }
        }
        return x;
    }
}
