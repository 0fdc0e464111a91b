package org.gyrus.nn.layers;

import java.util.List;
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
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : layers) {
            x = m.forward(x);
        }
        return x;
    }
}
