package org.gyrus.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import java.util.function.UnaryOperator;
import org.gyrus.nn.linalg.Parallel;
import org.junit.jupiter.api.Test;

/** Operations split over threads give exactly the single-threaded results, values and gradients. */
class ParallelConsistencyTest {

    private static float[][] run(int threads, UnaryOperator<Tensor> f, Tensor weight) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            Tensor x = Tensor.randn(new Random(3), 300, 400).requiresGrad(true);
            weight.zeroGrad();
            Tensor y = f.apply(x);
            y.mul(Tensor.randn(new Random(4), y.shape())).sum().backward();
            return new float[][] {y.toArray(), x.grad(), weight.grad() == null ? new float[0] : weight.grad()};
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void threadedOperationsMatchSerial() {
        Tensor w = Tensor.randn(new Random(5), 400).requiresGrad(true);
        Tensor b = Tensor.randn(new Random(6), 400).requiresGrad(true);
        UnaryOperator<Tensor> chain = x -> x.layerNorm(400, w, b, 1e-5f).gelu().mul(x).softmax(-1).sigmoid()
                .add(x.tanh()).silu().relu().add(x.exp().mul(0.01f)).linear(x.slice(0, 0, 50), null).logSoftmax(1);
        float[][] serial = run(1, chain, w);
        float[][] threaded = run(2, chain, w);
        for (int i = 0; i < serial.length; i++) {
            // Equal to rounding: the weight gradient's partial sums are added in another order, so
            // the tolerance scales with the largest value (a fixed 1e-5 is below one ulp of 100).
            float largest = 0;
            for (float v : serial[i]) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertArrayEquals(serial[i], threaded[i], 1e-5f * Math.max(1, largest));
        }
        // With the same budget the split is the same, so the result is the same to the bit (nodes are deterministic).
        float[][] again = run(2, chain, w);
        for (int i = 0; i < threaded.length; i++) {
            assertArrayEquals(threaded[i], again[i], 0f);
        }
    }
}
