package org.gyrus.nn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gyrus.nn.Tensor;

/**
 * PyTorch's {@code nn.ModuleList}: holds modules under the names "0", "1", ... for a parent that
 * wires them itself; it has no forward of its own.
 */
public final class ModuleList extends Module {

    private final List<Module> items = new ArrayList<>();

    /**
     * @param modules the modules, in order
     */
    public ModuleList(List<? extends Module> modules) {
        for (Module m : modules) {
            child(Integer.toString(items.size()), m);
            items.add(m);
        }
    }

    /**
     * @param i index
     * @return the i-th module
     */
    public Module get(int i) {
        return items.get(i);
    }

    /** @return the number of modules */
    public int size() {
        return items.size();
    }

    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ModuleList has no forward; its parent calls the modules");
    }

    @Override
    public Map<String, Object> describe() {
        List<Object> list = new ArrayList<>();
        for (Module m : items) {
            Map<String, Object> d = m.describe();
            if (d == null) {
                return null;
            }
            list.add(d);
        }
        return Options.describe("ModuleList", "modules", list);
    }
}
