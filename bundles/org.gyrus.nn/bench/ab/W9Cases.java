package org.gyrus.nn.bench;

import java.util.function.Supplier;
import org.gyrus.nn.Losses;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.Sequential;
import org.gyrus.nn.optim.Adam;

/**
 * W9's three cases as one-iteration tasks, for {@code AbMain} (compiled against each tree it
 * compares; it uses only the public API and {@link NnBench}'s data).
 */
public final class W9Cases implements Supplier<Runnable[]> {

    @Override
    public Runnable[] get() {
        Tensor xa = NnBench.det(0.1, 1.0, 32, 32, 28, 28).requiresGrad(true);
        Tensor wa = NnBench.det(0.2, 0.05, 64, 32, 3, 3).requiresGrad(true);
        Tensor ba = NnBench.det(0.3, 0.1, 64).requiresGrad(true);
        Tensor ua = NnBench.det(0.4, 1.0, 32, 64, 28, 28);
        int[] one = {1, 1};
        Runnable a = () -> {
            xa.zeroGrad();
            wa.zeroGrad();
            ba.zeroGrad();
            xa.conv(wa, ba, one, one, one, one, 1).backward(ua);
        };
        Tensor xb = NnBench.det(0.5, 1.0, 32, 1, 28, 28);
        int[] labels = new int[32];
        for (int i = 0; i < 32; i++) {
            labels[i] = i % 10;
        }
        Sequential net = NnBench.residualStack();
        Adam opt = new Adam(net.parameters(), 1e-3);
        Runnable b = () -> {
            Tensor loss = Losses.crossEntropy(net.forward(xb), labels);
            opt.zeroGrad();
            loss.backward();
            opt.step();
        };
        Tensor xc = NnBench.det(0.6, 1.0, 1, 16, 64, 64, 64);
        Tensor wc = NnBench.det(0.7, 0.05, 16, 16, 3, 3, 3);
        Tensor bc = NnBench.det(0.8, 0.1, 16);
        int[] one3 = {1, 1, 1};
        Runnable c = () -> {
            try (NoGrad g = Tensor.noGrad()) {
                xc.conv(wc, bc, one3, one3, one3, one3, 1);
            }
        };
        return new Runnable[] {a, b, c};
    }
}
