package org.gyrus.nn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;

/**
 * A float32 tensor (row-major storage and a shape) that records the operations applied to it so
 * that gradients can be computed by reverse-mode automatic differentiation.
 *
 * <p>Mark the leaves you want gradients for with {@link #requiresGrad(boolean)} — model parameters,
 * but also inputs (adversarial examples need the gradient with respect to the input). Every
 * operation on a tensor that requires a gradient records itself; {@link #backward()} on a scalar
 * result then accumulates {@code d result / d leaf} into each leaf's {@link #grad()}. Inside a
 * {@link #noGrad()} scope nothing is recorded (inference). The graph is released by
 * {@code backward()}, so it runs once per forward pass, as in PyTorch without
 * {@code retain_graph}.
 *
 * <p>Binary elementwise operations broadcast as NumPy and PyTorch do. Negative axes count from the
 * end. Tensors are not thread-safe; a graph belongs to the thread that built it.
 */
public final class Tensor {

    /**
     * The backward step of one recorded operation: receives d loss / d output. That array is the
     * output's own gradient buffer, released right after the step, so the step may overwrite it
     * (or hand it to an input, see {@link #adoptGrad}).
     */
    @FunctionalInterface
    interface Backward {
        void apply(float[] gradOutput);
    }

    final float[] data;
    final int[] shape;
    private float[] grad;
    private boolean requiresGrad;
    private Tensor[] inputs;
    private Backward backward;

    Tensor(float[] data, int[] shape) {
        if (Shapes.size(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs "
                    + Shapes.size(shape) + " values, got " + data.length);
        }
        this.data = data;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- creation

    /**
     * Creates a tensor holding a copy of {@code values}.
     *
     * @param values row-major values
     * @param shape  the shape; its product must equal {@code values.length}
     * @return a new leaf tensor
     */
    public static Tensor of(float[] values, int... shape) {
        return new Tensor(values.clone(), Shapes.checked(shape));
    }

    /**
     * Creates a tensor that uses {@code values} as its storage, without copying. Later writes to the
     * array are seen by the tensor (and bypass autodiff).
     *
     * @param values row-major values, now owned by the tensor
     * @param shape  the shape; its product must equal {@code values.length}
     * @return a new leaf tensor
     */
    public static Tensor wrap(float[] values, int... shape) {
        return new Tensor(values, Shapes.checked(shape));
    }

    /**
     * Creates a rank-0 tensor.
     *
     * @param value the value
     * @return a new leaf tensor of shape {@code []}
     */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0]);
    }

    /**
     * Creates a tensor of zeros.
     *
     * @param shape the shape
     * @return a new leaf tensor
     */
    public static Tensor zeros(int... shape) {
        int[] s = Shapes.checked(shape);
        return new Tensor(new float[Shapes.size(s)], s);
    }

    /**
     * Creates a tensor filled with one value.
     *
     * @param value the value
     * @param shape the shape
     * @return a new leaf tensor
     */
    public static Tensor full(float value, int... shape) {
        int[] s = Shapes.checked(shape);
        float[] d = new float[Shapes.size(s)];
        Arrays.fill(d, value);
        return new Tensor(d, s);
    }

    /**
     * Creates a tensor of independent standard normal samples.
     *
     * @param random the seeded random source
     * @param shape  the shape
     * @return a new leaf tensor
     */
    public static Tensor randn(Random random, int... shape) {
        int[] s = Shapes.checked(shape);
        float[] d = new float[Shapes.size(s)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextGaussian();
        }
        return new Tensor(d, s);
    }

    /**
     * Creates a tensor of independent samples uniform in {@code [0, 1)}.
     *
     * @param random the seeded random source
     * @param shape  the shape
     * @return a new leaf tensor
     */
    public static Tensor rand(Random random, int... shape) {
        int[] s = Shapes.checked(shape);
        float[] d = new float[Shapes.size(s)];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextFloat();
        }
        return new Tensor(d, s);
    }

    /**
     * Builds the result of an operation and, when gradients are being recorded and an input needs
     * one, links it into the graph.
     */
    static Tensor result(float[] data, int[] shape, Backward backward, Tensor... inputs) {
        Tensor t = new Tensor(data, shape);
        if (GradMode.isEnabled()) {
            for (Tensor in : inputs) {
                if (in != null && in.requiresGrad) {
                    t.requiresGrad = true;
                    t.inputs = inputs;
                    t.backward = backward;
                    break;
                }
            }
        }
        return t;
    }

    // ---------------------------------------------------------------- metadata and values

    /**
     * Returns the shape.
     *
     * @return a copy of the shape
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * Returns the length of one axis.
     *
     * @param axis the axis; negative counts from the end
     * @return its length
     */
    public int dim(int axis) {
        return shape[Shapes.axis(axis, shape.length)];
    }

    /**
     * Returns the number of axes.
     *
     * @return the rank
     */
    public int rank() {
        return shape.length;
    }

    /**
     * Returns the number of elements.
     *
     * @return the product of the shape
     */
    public int size() {
        return data.length;
    }

    /**
     * Returns the live row-major storage. Writing to it changes the tensor without recording
     * anything (as optimisers do to parameters).
     *
     * @return the storage array
     */
    public float[] data() {
        return data;
    }

    /**
     * Returns a copy of the values.
     *
     * @return row-major values
     */
    public float[] toArray() {
        return data.clone();
    }

    /**
     * Returns the only value of a one-element tensor.
     *
     * @return the value
     */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs one element, shape is " + Arrays.toString(shape));
        }
        return data[0];
    }

    /**
     * Returns one element.
     *
     * @param index one index per axis
     * @return the element
     */
    public float get(int... index) {
        return data[Shapes.flatIndex(shape, index)];
    }

    /**
     * Returns the accumulated gradient (live storage, same layout as the data), or {@code null} if
     * none has been computed.
     *
     * @return the gradient or null
     */
    public float[] grad() {
        return grad;
    }

    /**
     * Returns the accumulated gradient as a tensor (a copy), or {@code null}.
     *
     * @return the gradient tensor or null
     */
    public Tensor gradTensor() {
        return grad == null ? null : new Tensor(grad.clone(), shape.clone());
    }

    /** Discards the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /**
     * Returns whether gradients flow to or through this tensor.
     *
     * @return true if it requires a gradient
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Marks a leaf tensor as needing a gradient (or not).
     *
     * @param requires whether to accumulate a gradient
     * @return this tensor
     */
    public Tensor requiresGrad(boolean requires) {
        if (inputs != null) {
            throw new IllegalStateException("only leaf tensors can change requiresGrad; use detach()");
        }
        this.requiresGrad = requires;
        return this;
    }

    /**
     * Returns a leaf tensor sharing this tensor's storage, cut off from the graph.
     *
     * @return the detached tensor
     */
    public Tensor detach() {
        return new Tensor(data, shape);
    }

    /**
     * Returns a leaf tensor with a copy of the storage.
     *
     * @return the copy
     */
    public Tensor copy() {
        return new Tensor(data.clone(), shape.clone());
    }

    /**
     * Makes {@code g}, an output gradient that the running backward step owns (see
     * {@link Backward}), this tensor's gradient if it has none yet and the sizes agree. The step then
     * turns g into this tensor's gradient in place instead of adding it into a fresh zero-filled
     * buffer: no allocation and one pass less. When this returns false, add into {@link #gradBuffer()}.
     *
     * @param g the output gradient the step received
     * @return whether g is now this tensor's gradient
     */
    boolean adoptGrad(float[] g) {
        if (grad == null && g.length == data.length) {
            grad = g;
            return true;
        }
        return false;
    }

    /** The gradient buffer, created as zeros when first needed. */
    float[] gradBuffer() {
        if (grad == null) {
            grad = new float[data.length];
        }
        return grad;
    }

    // ---------------------------------------------------------------- autodiff

    /**
     * Opens a scope in which operations are not recorded. Use with try-with-resources.
     *
     * @return the scope; closing it restores the previous mode
     */
    public static NoGrad noGrad() {
        return GradMode.disable();
    }

    /**
     * Returns whether operations on this thread are being recorded.
     *
     * @return false inside a {@link #noGrad()} scope
     */
    public static boolean isGradEnabled() {
        return GradMode.isEnabled();
    }

    /** Back-propagates from a one-element tensor, seeding its gradient with 1. */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward() without a gradient needs a one-element tensor, shape is "
                    + Arrays.toString(shape));
        }
        backward(new float[] {1f});
    }

    /**
     * Back-propagates from this tensor with the given d loss / d this.
     *
     * @param gradient the upstream gradient, same size as this tensor
     */
    public void backward(Tensor gradient) {
        if (gradient.data.length != data.length) {
            throw new IllegalArgumentException("gradient has " + gradient.data.length + " values, tensor has " + data.length);
        }
        backward(gradient.data.clone());
    }

    private void backward(float[] seed) {
        if (!requiresGrad) {
            throw new IllegalStateException("tensor does not require grad: nothing to differentiate");
        }
        List<Tensor> order = topologicalOrder();
        float[] g = gradBuffer();
        for (int i = 0; i < g.length; i++) {
            g[i] += seed[i];
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            if (t.backward == null) {
                continue;
            }
            if (t.grad != null) {
                t.backward.apply(t.grad);
            }
            // Free intermediate gradients and the graph as soon as they are used: memory stays flat.
            t.grad = null;
            t.backward = null;
            t.inputs = null;
        }
    }

    /** Post-order of the recorded graph below this tensor (inputs before their users), iteratively. */
    private List<Tensor> topologicalOrder() {
        List<Tensor> order = new ArrayList<>();
        IdentityHashMap<Tensor, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(this);
        next.push(0);
        visited.put(this, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int i = next.pop();
            Tensor[] in = t.inputs;
            if (in != null && i < in.length) {
                next.push(i + 1);
                Tensor child = in[i];
                if (child != null && child.requiresGrad && visited.put(child, Boolean.TRUE) == null) {
                    stack.push(child);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    // ---------------------------------------------------------------- elementwise arithmetic

    /**
     * Adds, with broadcasting.
     *
     * @param other the other operand
     * @return {@code this + other}
     */
    public Tensor add(Tensor other) {
        return Elementwise.binary(Elementwise.Op.ADD, this, other);
    }

    /**
     * Subtracts, with broadcasting.
     *
     * @param other the other operand
     * @return {@code this - other}
     */
    public Tensor sub(Tensor other) {
        return Elementwise.binary(Elementwise.Op.SUB, this, other);
    }

    /**
     * Multiplies elementwise, with broadcasting.
     *
     * @param other the other operand
     * @return {@code this * other}
     */
    public Tensor mul(Tensor other) {
        return Elementwise.binary(Elementwise.Op.MUL, this, other);
    }

    /**
     * Divides elementwise, with broadcasting.
     *
     * @param other the divisor
     * @return {@code this / other}
     */
    public Tensor div(Tensor other) {
        return Elementwise.binary(Elementwise.Op.DIV, this, other);
    }

    /**
     * Adds a constant.
     *
     * @param value the constant
     * @return {@code this + value}
     */
    public Tensor add(float value) {
        return Elementwise.affine(this, 1f, value);
    }

    /**
     * Subtracts a constant.
     *
     * @param value the constant
     * @return {@code this - value}
     */
    public Tensor sub(float value) {
        return Elementwise.affine(this, 1f, -value);
    }

    /**
     * Multiplies by a constant.
     *
     * @param value the constant
     * @return {@code this * value}
     */
    public Tensor mul(float value) {
        return Elementwise.affine(this, value, 0f);
    }

    /**
     * Divides by a constant.
     *
     * @param value the constant
     * @return {@code this / value}
     */
    public Tensor div(float value) {
        return Elementwise.affine(this, 1f / value, 0f);
    }

    /**
     * Negates.
     *
     * @return {@code -this}
     */
    public Tensor neg() {
        return Elementwise.affine(this, -1f, 0f);
    }

    /**
     * Raises every element to a constant power.
     *
     * @param exponent the exponent
     * @return {@code this ^ exponent}
     */
    public Tensor pow(float exponent) {
        return Elementwise.pow(this, exponent);
    }

    /**
     * Clamps every element into {@code [min, max]}; the gradient is zero where clamped.
     *
     * @param min lower bound
     * @param max upper bound
     * @return the clamped tensor
     */
    public Tensor clamp(float min, float max) {
        return Elementwise.clamp(this, min, max);
    }

    // ---------------------------------------------------------------- elementwise functions

    /** @return {@code max(x, 0)} */
    public Tensor relu() {
        return Elementwise.unary(Elementwise.Fn.RELU, this, 0f);
    }

    /**
     * Leaky ReLU.
     *
     * @param negativeSlope slope for negative inputs (PyTorch's default is 0.01)
     * @return {@code x >= 0 ? x : slope * x}
     */
    public Tensor leakyRelu(float negativeSlope) {
        return Elementwise.unary(Elementwise.Fn.LEAKY_RELU, this, negativeSlope);
    }

    /**
     * Exponential linear unit.
     *
     * @param alpha scale of the negative part (PyTorch's default is 1)
     * @return {@code x > 0 ? x : alpha * (exp(x) - 1)}
     */
    public Tensor elu(float alpha) {
        return Elementwise.unary(Elementwise.Fn.ELU, this, alpha);
    }

    /** @return the logistic sigmoid {@code 1 / (1 + exp(-x))} */
    public Tensor sigmoid() {
        return Elementwise.unary(Elementwise.Fn.SIGMOID, this, 0f);
    }

    /** @return the hyperbolic tangent */
    public Tensor tanh() {
        return Elementwise.unary(Elementwise.Fn.TANH, this, 0f);
    }

    /** @return the exact GELU {@code x * Phi(x)} */
    public Tensor gelu() {
        return Elementwise.unary(Elementwise.Fn.GELU, this, 0f);
    }

    /** @return the tanh approximation of GELU (PyTorch's {@code approximate='tanh'}) */
    public Tensor geluTanh() {
        return Elementwise.unary(Elementwise.Fn.GELU_TANH, this, 0f);
    }

    /** @return SiLU (swish) {@code x * sigmoid(x)} */
    public Tensor silu() {
        return Elementwise.unary(Elementwise.Fn.SILU, this, 0f);
    }

    /** @return softplus {@code log(1 + exp(x))}, linear above 20 as in PyTorch */
    public Tensor softplus() {
        return Elementwise.unary(Elementwise.Fn.SOFTPLUS, this, 0f);
    }

    /** @return {@code exp(x)} */
    public Tensor exp() {
        return Elementwise.unary(Elementwise.Fn.EXP, this, 0f);
    }

    /** @return the natural logarithm */
    public Tensor log() {
        return Elementwise.unary(Elementwise.Fn.LOG, this, 0f);
    }

    /** @return the square root */
    public Tensor sqrt() {
        return Elementwise.unary(Elementwise.Fn.SQRT, this, 0f);
    }

    /** @return the absolute value (gradient {@code sign(x)}, 0 at 0) */
    public Tensor abs() {
        return Elementwise.unary(Elementwise.Fn.ABS, this, 0f);
    }

    // ---------------------------------------------------------------- reductions

    /** @return the sum of all elements, shape {@code []} */
    public Tensor sum() {
        return Reductions.sumAll(this);
    }

    /**
     * Sums over axes.
     *
     * @param keepDims keep the reduced axes with length 1
     * @param axes     the axes (negative count from the end)
     * @return the sums
     */
    public Tensor sum(boolean keepDims, int... axes) {
        return Reductions.sum(this, axes, keepDims);
    }

    /** @return the mean of all elements, shape {@code []} */
    public Tensor mean() {
        return Reductions.sumAll(this).mul(1f / data.length);
    }

    /**
     * Averages over axes.
     *
     * @param keepDims keep the reduced axes with length 1
     * @param axes     the axes (negative count from the end)
     * @return the means
     */
    public Tensor mean(boolean keepDims, int... axes) {
        int count = 1;
        for (int a : Shapes.axes(axes, shape.length)) {
            count *= shape[a];
        }
        return Reductions.sum(this, axes, keepDims).mul(1f / count);
    }

    /**
     * Maximum over one axis; the gradient goes to the first maximal element.
     *
     * @param axis     the axis
     * @param keepDims keep the axis with length 1
     * @return the maxima
     */
    public Tensor max(int axis, boolean keepDims) {
        return Reductions.max(this, axis, keepDims);
    }

    /** @return the largest element, shape {@code []} */
    public Tensor max() {
        return reshape(data.length).max(0, false);
    }

    // ---------------------------------------------------------------- shape

    /**
     * Returns a tensor with the same elements in a new shape (sharing storage). One length may be -1.
     *
     * @param newShape the new shape
     * @return the reshaped tensor
     */
    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(this, newShape);
    }

    /**
     * Swaps two axes.
     *
     * @param axis0 one axis
     * @param axis1 the other axis
     * @return the transposed tensor (a copy)
     */
    public Tensor transpose(int axis0, int axis1) {
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        int a = Shapes.axis(axis0, shape.length);
        int b = Shapes.axis(axis1, shape.length);
        perm[a] = b;
        perm[b] = a;
        return permute(perm);
    }

    /**
     * Reorders the axes: result axis i is this tensor's axis {@code order[i]}.
     *
     * @param order a permutation of the axes
     * @return the permuted tensor (a copy)
     */
    public Tensor permute(int... order) {
        return ShapeOps.permute(this, order);
    }

    /**
     * Takes the elements {@code [start, end)} along one axis.
     *
     * @param axis  the axis
     * @param start first index (inclusive)
     * @param end   last index (exclusive)
     * @return the slice (a copy)
     */
    public Tensor slice(int axis, int start, int end) {
        return ShapeOps.slice(this, axis, start, end);
    }

    /**
     * Joins tensors along an existing axis; all other lengths must agree.
     *
     * @param axis    the axis
     * @param tensors the parts, in order
     * @return the concatenation
     */
    public static Tensor concat(int axis, Tensor... tensors) {
        return ShapeOps.concat(axis, tensors);
    }

    /**
     * Selects entries along an axis by index (repeats allowed), as {@code torch.index_select}.
     *
     * @param axis    the axis
     * @param indices indices into that axis
     * @return a tensor whose axis has {@code indices.length} entries
     */
    public Tensor indexSelect(int axis, int... indices) {
        return ShapeOps.indexSelect(this, axis, indices);
    }

    /**
     * Gathers values along an axis, as {@code torch.gather}: {@code out[i][j] = this[i][index[i][j]]}
     * for axis 1 of a matrix, and likewise for any rank.
     *
     * @param axis       the axis indexed
     * @param index      row-major indices
     * @param indexShape the shape of {@code index} and of the result; same rank as this tensor
     * @return the gathered values
     */
    public Tensor gather(int axis, int[] index, int... indexShape) {
        return ShapeOps.gather(this, axis, index, indexShape);
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product over the last two axes; leading (batch) axes must match, or one operand may be
     * a plain matrix that is applied to every batch entry.
     *
     * @param other the right operand, {@code [..., K, N]}
     * @return {@code [..., M, N]}
     */
    public Tensor matmul(Tensor other) {
        return MatMul.matmul(this, other, false);
    }

    /**
     * Matrix product with the transpose of {@code other}'s last two axes, without materialising the
     * transpose: {@code this @ other^T} (e.g. attention scores {@code Q K^T}).
     *
     * @param other the right operand, {@code [..., N, K]}
     * @return {@code [..., M, N]}
     */
    public Tensor matmulTransposed(Tensor other) {
        return MatMul.matmul(this, other, true);
    }

    /**
     * Affine map over the last axis with PyTorch's layout: {@code this @ weight^T + bias}.
     *
     * @param weight {@code [out, in]}
     * @param bias   {@code [out]}, or null
     * @return {@code [..., out]}
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        return MatMul.linear(this, weight, bias, LinearActivation.NONE);
    }

    /**
     * {@code act(this @ weight^T + bias)} as one operation, the values of {@link #linear(Tensor, Tensor)}
     * followed by the activation's own method ({@link #relu()}, {@link #sigmoid()}, {@link #silu()}),
     * with one output array and one graph node instead of two and the activation's backward fused
     * with the bias gradient.
     *
     * @param weight     {@code [out, in]}
     * @param bias       {@code [out]}, or null
     * @param activation applied to every output
     * @return {@code [..., out]}
     */
    public Tensor linear(Tensor weight, Tensor bias, LinearActivation activation) {
        return MatMul.linear(this, weight, bias, activation);
    }

    // ---------------------------------------------------------------- neural-network functions

    /**
     * Multi-head attention weights {@code softmax(scale * Q_h K_h^T + mask)} for queries and keys
     * whose heads are interleaved in the last axis (head h in columns {@code h*d .. h*d+d-1}, as a
     * projection produces them), computed without splitting the heads into separate tensors.
     *
     * @param query {@code [B, T, H*d]}
     * @param key   {@code [B, S, H*d]}
     * @param heads number of heads H
     * @param scale factor of the dot products, usually {@code 1/sqrt(d)}
     * @param mask  additive mask broadcastable to {@code [B, H, T, S]} ({@code -inf} blocks), or null;
     *              treated as a constant (no gradient)
     * @return the weights {@code [B, H, T, S]}, each row summing to 1
     */
    public static Tensor attentionWeights(Tensor query, Tensor key, int heads, float scale, Tensor mask) {
        int e = query.shape.length == 3 ? query.shape[2] : -1;
        if (key.shape.length == 3 && key.shape[2] != e) {
            throw new IllegalArgumentException("attention: query " + Arrays.toString(query.shape) + " and key "
                    + Arrays.toString(key.shape) + " differ in width");
        }
        return Attention.weights(query, 0, key, 0, e, heads, scale, mask);
    }

    /**
     * As {@link #attentionWeights(Tensor, Tensor, int, float, Tensor)}, with the queries and keys
     * in column ranges of wider tensors: e.g. one {@code [B, T, 3E]} projection holding Q, K and V
     * side by side, read in place.
     *
     * @param query       {@code [B, T, C]}, the queries in columns {@code queryColumn .. queryColumn+width-1}
     * @param queryColumn first column of the queries
     * @param key         {@code [B, S, C']}, the keys in columns {@code keyColumn .. keyColumn+width-1}
     * @param keyColumn   first column of the keys
     * @param width       H*d, the width of the queries and keys
     * @param heads       number of heads H
     * @param scale       factor of the dot products
     * @param mask        additive mask broadcastable to {@code [B, H, T, S]}, or null (a constant)
     * @return the weights {@code [B, H, T, S]}
     */
    public static Tensor attentionWeights(Tensor query, int queryColumn, Tensor key, int keyColumn, int width, int heads,
                                          float scale, Tensor mask) {
        return Attention.weights(query, queryColumn, key, keyColumn, width, heads, scale, mask);
    }

    /**
     * Multi-head attention without returning its weights:
     * {@code attentionValues(attentionWeights(query, queryColumn, key, keyColumn, width, heads, scale, mask), value, valueColumn, width)},
     * the same values. When no gradient is recorded (inside {@link #noGrad()}, or no input needs
     * one) each head's weights stay in per-thread scratch between the two products instead of
     * filling a {@code [B, H, T, S]} tensor.
     *
     * @param query       {@code [B, T, C]}, the queries in columns {@code queryColumn .. queryColumn+width-1}
     * @param queryColumn first column of the queries
     * @param key         {@code [B, S, C']}, the keys in columns {@code keyColumn ..}
     * @param keyColumn   first column of the keys
     * @param value       {@code [B, S, C''}, the values in columns {@code valueColumn ..}
     * @param valueColumn first column of the values
     * @param width       H*d, the width of queries, keys, values and the result
     * @param heads       number of heads H
     * @param scale       factor of the dot products
     * @param mask        additive mask broadcastable to {@code [B, H, T, S]}, or null
     * @return {@code [B, T, width]}
     */
    public static Tensor attention(Tensor query, int queryColumn, Tensor key, int keyColumn, Tensor value, int valueColumn,
                                   int width, int heads, float scale, Tensor mask) {
        if (GradMode.isEnabled() && (query.requiresGrad || key.requiresGrad || value.requiresGrad)) {
            return Attention.values(Attention.weights(query, queryColumn, key, keyColumn, width, heads, scale, mask),
                    value, valueColumn, width);
        }
        return Attention.output(query, queryColumn, key, keyColumn, value, valueColumn, width, heads, scale, mask);
    }

    /**
     * Applies per-head attention weights to values whose heads are interleaved in the last axis,
     * writing each head's result into its own columns.
     *
     * @param weights {@code [B, H, T, S]}
     * @param value   {@code [B, S, H*d]}
     * @return {@code [B, T, H*d]}
     */
    public static Tensor attentionValues(Tensor weights, Tensor value) {
        return Attention.values(weights, value, 0, value.shape.length == 3 ? value.shape[2] : -1);
    }

    /**
     * As {@link #attentionValues(Tensor, Tensor)}, with the values in a column range of a wider
     * tensor (read in place).
     *
     * @param weights     {@code [B, H, T, S]}
     * @param value       {@code [B, S, C]}, the values in columns {@code valueColumn .. valueColumn+width-1}
     * @param valueColumn first column of the values
     * @param width       H*d, the width of the values and of the result
     * @return {@code [B, T, width]}
     */
    public static Tensor attentionValues(Tensor weights, Tensor value, int valueColumn, int width) {
        return Attention.values(weights, value, valueColumn, width);
    }

    /**
     * Softmax along an axis.
     *
     * @param axis the axis
     * @return values in (0, 1) summing to 1 along the axis
     */
    public Tensor softmax(int axis) {
        return Normalization.softmax(this, axis, false);
    }

    /**
     * Log of the softmax along an axis, computed stably.
     *
     * @param axis the axis
     * @return {@code x - logsumexp(x)} along the axis
     */
    public Tensor logSoftmax(int axis) {
        return Normalization.softmax(this, axis, true);
    }

    /**
     * Layer normalisation over the trailing axes whose total length equals {@code normalizedSize}.
     *
     * @param normalizedSize product of the normalised trailing axes
     * @param weight         per-element scale of that size, or null
     * @param bias           per-element shift of that size, or null
     * @param eps            added to the variance
     * @return the normalised tensor
     */
    public Tensor layerNorm(int normalizedSize, Tensor weight, Tensor bias, float eps) {
        return Normalization.layerNorm(this, normalizedSize, weight, bias, eps);
    }

    /**
     * Layer normalisation of {@code this + residual} as one operation: the values (and gradients)
     * of {@code add(residual).layerNorm(...)}, without storing the sum (a post-norm residual step).
     * A residual of another shape is broadcast as {@link #add} does, through a stored sum.
     *
     * @param residual       added before normalising
     * @param normalizedSize product of the normalised trailing axes
     * @param weight         per-element scale of that size, or null
     * @param bias           per-element shift of that size, or null
     * @param eps            added to the variance
     * @return the normalised sum
     */
    public Tensor addLayerNorm(Tensor residual, int normalizedSize, Tensor weight, Tensor bias, float eps) {
        return Normalization.layerNorm(this, residual, normalizedSize, weight, bias, eps);
    }

    /**
     * Inverted dropout: in training, zeroes each element with probability {@code p} and scales the
     * rest by {@code 1/(1-p)}; otherwise returns this tensor.
     *
     * @param p        drop probability in [0, 1)
     * @param training whether to drop
     * @param random   seeded source of the mask
     * @return the result
     */
    public Tensor dropout(float p, boolean training, Random random) {
        return Normalization.dropout(this, p, training, random);
    }

    // ---------------------------------------------------------------- images and volumes

    /**
     * Convolution over the trailing 1, 2 or 3 axes of a channels-first input (NCL, NCHW, NCDHW), as
     * PyTorch's {@code F.conv1d/2d/3d} (cross-correlation, zero padding).
     *
     * @param weight    {@code [out, in/groups, k...]}
     * @param bias      {@code [out]}, or null
     * @param stride    one value per spatial axis
     * @param padBefore zeros added before each spatial axis
     * @param padAfter  zeros added after each spatial axis (differs from padBefore only for
     *                  {@code padding="same"} with an even dilated kernel)
     * @param dilation  one value per spatial axis
     * @param groups    input and output channels are split into this many independent groups
     * @return {@code [N, out, o...]}
     */
    public Tensor conv(Tensor weight, Tensor bias, int[] stride, int[] padBefore, int[] padAfter, int[] dilation,
                       int groups) {
        return Convolution.conv(this, weight, bias, stride, padBefore, padAfter, dilation, groups);
    }

    /**
     * Transposed convolution (the gradient of {@link #conv} with respect to its input), as PyTorch's
     * {@code F.conv_transpose1d/2d/3d}; output length {@code (in - 1) * stride - 2 * padding +
     * dilation * (k - 1) + outputPadding + 1}.
     *
     * @param weight        {@code [in, out/groups, k...]}
     * @param bias          {@code [out]}, or null
     * @param stride        one value per spatial axis
     * @param padding       one value per spatial axis
     * @param outputPadding extra length added on one side of each output axis
     * @param dilation      one value per spatial axis
     * @param groups        number of channel groups
     * @return {@code [N, out, o...]}
     */
    public Tensor convTranspose(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                int[] dilation, int groups) {
        return Convolution.convTranspose(this, weight, bias, stride, padding, outputPadding, dilation, groups);
    }

    /**
     * Max pooling over the trailing {@code kernel.length} axes, as PyTorch's {@code F.max_pool*d}:
     * padding counts as minus infinity, and the gradient of each window goes to its first maximum
     * in scan order.
     *
     * @param kernel   window size per spatial axis
     * @param stride   step per spatial axis
     * @param padding  implicit padding per spatial axis (at most half the window)
     * @param dilation spacing of the window's elements
     * @param ceilMode use ceiling instead of floor for the output length
     * @return the pooled tensor
     */
    public Tensor maxPool(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return Pooling.maxPool(this, kernel, stride, padding, dilation, ceilMode);
    }

    /**
     * Average pooling over the trailing {@code kernel.length} axes, as PyTorch's {@code F.avg_pool*d}.
     *
     * @param kernel          window size per spatial axis
     * @param stride          step per spatial axis
     * @param padding         implicit zero padding per spatial axis
     * @param ceilMode        use ceiling instead of floor for the output length
     * @param countIncludePad divide by the window size including padding (PyTorch's default)
     * @param divisorOverride divide by this instead, if positive
     * @return the pooled tensor
     */
    public Tensor avgPool(int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad,
                          int divisorOverride) {
        return Pooling.avgPool(this, kernel, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    /**
     * Adaptive average pooling to a fixed output size over the trailing {@code outputSize.length}
     * axes: output cell {@code i} of an axis of length {@code n} averages
     * {@code [floor(i*n/o), ceil((i+1)*n/o))}.
     *
     * @param outputSize output length per spatial axis
     * @return the pooled tensor
     */
    public Tensor adaptiveAvgPool(int... outputSize) {
        return Pooling.adaptiveAvgPool(this, outputSize);
    }

    /**
     * Batch normalisation of a {@code [N, C, ...]} tensor per channel, as PyTorch's
     * {@code F.batch_norm}. In training the batch statistics are used and the running statistics,
     * when given, are updated in place (unbiased variance); otherwise the running statistics are used.
     *
     * @param weight      per-channel scale, or null
     * @param bias        per-channel shift, or null
     * @param runningMean per-channel running mean, or null (training only)
     * @param runningVar  per-channel running variance, or null (training only)
     * @param training    whether to use (and update) batch statistics
     * @param momentum    weight of the new batch in the running statistics
     * @param eps         added to the variance
     * @return the normalised tensor
     */
    public Tensor batchNorm(Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar, boolean training,
                            float momentum, float eps) {
        return ChannelNorm.batchNorm(this, weight, bias, runningMean, runningVar, training, momentum, eps);
    }

    /**
     * Group normalisation of a {@code [N, C, ...]} tensor, as PyTorch's {@code F.group_norm}.
     *
     * @param groups number of channel groups; must divide C
     * @param weight per-channel scale, or null
     * @param bias   per-channel shift, or null
     * @param eps    added to the variance
     * @return the normalised tensor
     */
    public Tensor groupNorm(int groups, Tensor weight, Tensor bias, float eps) {
        return ChannelNorm.groupNorm(this, groups, weight, bias, eps);
    }

    /**
     * Resamples the trailing {@code size.length} axes, as PyTorch's {@code F.interpolate}.
     *
     * @param size         output length per spatial axis
     * @param linear       linear/bilinear/trilinear if true, nearest otherwise
     * @param alignCorners for the linear modes: align the corner samples (PyTorch's default is false)
     * @param scales       the scale factors {@code size} was computed from, or null; PyTorch computes
     *                     source positions from them when given
     * @return the resampled tensor
     */
    public Tensor interpolate(int[] size, boolean linear, boolean alignCorners, double[] scales) {
        return Interpolation.interpolate(this, size, linear, alignCorners, scales);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Arrays.toString(shape)).append(' ');
        int n = Math.min(data.length, 8);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        if (n < data.length) {
            sb.append(", ...");
        }
        sb.append(']');
        return requiresGrad ? sb.append(" requiresGrad").toString() : sb.toString();
    }
}
