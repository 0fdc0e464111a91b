package org.gyrus.nn.layers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.io.Safetensors;
import org.gyrus.nn.io.TensorData;

/**
 * A layer or a model: owns named parameters and child modules, and maps an input tensor to an
 * output. Parameter names follow PyTorch's {@code named_parameters()} (own parameters first, then
 * each child's prefixed with its name and a dot), so weights saved here load into the equivalent
 * PyTorch module and back.
 */
public abstract class Module {

    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final java.util.Set<String> integerBuffers = new java.util.HashSet<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a module with no parameters yet. */
    protected Module() {
    }

    /**
     * Computes the module's output.
     *
     * @param input the input
     * @return the output
     */
    public abstract Tensor forward(Tensor input);

    /**
     * Computes the output for an input and a conditioning tensor (a diffusion U-Net's timesteps).
     * Modules without a condition accept only null.
     *
     * @param input     the input
     * @param condition the condition, or null
     * @return the output
     */
    public Tensor forward(Tensor input, Tensor condition) {
        if (condition != null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " takes no condition (timesteps)");
        }
        return forward(input);
    }

    /**
     * Registers a parameter (and marks it as requiring gradients).
     *
     * @param name  its name within this module
     * @param value its initial value
     * @return the parameter
     */
    protected final Tensor parameter(String name, Tensor value) {
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("name already used: " + name);
        }
        value.requiresGrad(true);
        parameters.put(name, value);
        return value;
    }

    /**
     * Registers a buffer: state that is saved and loaded with the parameters but not trained
     * (PyTorch's {@code register_buffer}, e.g. batch norm's running statistics).
     *
     * @param name    its name within this module
     * @param value   its initial value
     * @param integer whether the state dict stores it as int64 (PyTorch's {@code num_batches_tracked})
     * @return the buffer
     */
    protected final Tensor buffer(String name, Tensor value, boolean integer) {
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("name already used: " + name);
        }
        buffers.put(name, value);
        if (integer) {
            integerBuffers.add(name);
        }
        return value;
    }

    /**
     * Registers a child module.
     *
     * @param name   its name within this module
     * @param module the child
     * @param <M>    the child's type
     * @return the child
     */
    protected final <M extends Module> M child(String name, M module) {
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("name already used: " + name);
        }
        children.put(name, module);
        return module;
    }

    /**
     * Returns every parameter of this module and its descendants, by PyTorch-style dotted name.
     *
     * @return an ordered, unmodifiable view
     */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return java.util.Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        parameters.forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.collect(prefix + k + ".", out));
    }

    /**
     * Returns every parameter, in {@link #namedParameters()} order (what optimisers take).
     *
     * @return the parameters
     */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Returns the number of scalar parameters.
     *
     * @return the total element count
     */
    public final long parameterCount() {
        long n = 0;
        for (Tensor t : namedParameters().values()) {
            n += t.size();
        }
        return n;
    }

    /**
     * Switches training behaviour (dropout) on or off, for this module and its descendants.
     *
     * @param on true for training, false for evaluation
     * @return this module
     */
    public final Module train(boolean on) {
        training = on;
        children.values().forEach(c -> c.train(on));
        return this;
    }

    /**
     * Switches to evaluation mode; same as {@code train(false)}.
     *
     * @return this module
     */
    public final Module eval() {
        return train(false);
    }

    /**
     * Returns whether the module is in training mode.
     *
     * @return true when training
     */
    public final boolean isTraining() {
        return training;
    }

    /** Discards the accumulated gradients of every parameter. */
    public final void zeroGrad() {
        namedParameters().values().forEach(Tensor::zeroGrad);
    }

    /**
     * Returns every buffer of this module and its descendants, by dotted name.
     *
     * @return an ordered, unmodifiable view
     */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        walk("", (name, m) -> m.buffers.forEach((k, v) -> out.put(name + k, v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    private void walk(String prefix, java.util.function.BiConsumer<String, Module> visit) {
        visit.accept(prefix, this);
        children.forEach((k, m) -> m.walk(prefix + k + ".", visit));
    }

    /**
     * Returns a copy of the parameters and buffers as safetensors entries, in PyTorch's
     * {@code state_dict()} order (each module's parameters, then its buffers, then its children),
     * float32 except integer buffers (int64).
     *
     * @return tensors by name
     */
    public final Map<String, TensorData> stateDict() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        walk("", (prefix, m) -> {
            m.parameters.forEach((k, v) -> out.put(prefix + k, TensorData.of(v)));
            m.buffers.forEach((k, v) -> out.put(prefix + k, m.integerBuffers.contains(k) ? longs(v) : TensorData.of(v)));
        });
        return out;
    }

    private static TensorData longs(Tensor t) {
        float[] d = t.data();
        long[] v = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            v[i] = (long) d[i];
        }
        long[] shape = toLong(t.shape());
        return TensorData.ofLongs(v, shape);
    }

    /** Parameters and buffers by dotted name. */
    private Map<String, Tensor> stateTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        walk("", (prefix, m) -> {
            m.parameters.forEach((k, v) -> out.put(prefix + k, v));
            m.buffers.forEach((k, v) -> out.put(prefix + k, v));
        });
        return out;
    }

    /**
     * Copies values into the parameters and buffers. Every one must be present with its exact
     * shape, and no unknown name may appear; otherwise nothing is changed.
     *
     * @param state tensors by name (any floating or integer dtype, converted to float32)
     * @throws IllegalArgumentException listing the missing, unexpected or mismatched names
     */
    public final void loadStateDict(Map<String, TensorData> state) {
        Map<String, Tensor> params = stateTensors();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> p : params.entrySet()) {
            TensorData d = state.get(p.getKey());
            if (d == null) {
                problems.add("missing " + p.getKey());
            } else if (!Arrays.equals(toLong(p.getValue().shape()), d.shape())) {
                problems.add(p.getKey() + " has shape " + Arrays.toString(d.shape()) + ", expected "
                        + Arrays.toString(p.getValue().shape()));
            }
        }
        for (String k : state.keySet()) {
            if (!params.containsKey(k)) {
                problems.add("unexpected " + k);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("state does not fit " + getClass().getSimpleName() + ": "
                    + String.join("; ", problems));
        }
        for (Map.Entry<String, Tensor> p : params.entrySet()) {
            float[] values = state.get(p.getKey()).toFloats();
            System.arraycopy(values, 0, p.getValue().data(), 0, values.length);
        }
    }

    /**
     * Describes this module for a network file: its type name and the options its constructor
     * needs (PyTorch's argument names), and for containers their children. Modules that cannot be
     * rebuilt from a description return null (the default).
     *
     * @return the description, or null
     */
    public Map<String, Object> describe() {
        return null;
    }

    private static long[] toLong(int[] s) {
        long[] l = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            l[i] = s[i];
        }
        return l;
    }

    /**
     * Saves the parameters and buffers to a safetensors file (atomically). To save a network that
     * another program can rebuild from the file alone, use {@link NetworkFile#save}.
     *
     * @param file     the file
     * @param metadata string metadata to store alongside, may be empty
     * @throws IOException if writing fails
     */
    public final void save(Path file, Map<String, String> metadata) throws IOException {
        Safetensors.write(file, stateDict(), metadata);
    }

    /**
     * Loads the parameters from a safetensors file, e.g. one written by PyTorch's
     * {@code safetensors.torch.save_file(model.state_dict(), ...)}.
     *
     * @param file the file
     * @throws IOException if reading fails or the file does not fit this module
     */
    public final void load(Path file) throws IOException {
        Map<String, TensorData> state = Safetensors.read(file);
        try {
            loadStateDict(state);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
