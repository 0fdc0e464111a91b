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
            // Bitwise equal except the weight gradient, whose per-thread partial sums are added in another order.
            assertArrayEquals(serial[i], threaded[i], 1e-5f);
        }
    }
}
