package org.gyrus.nn.bench;

import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;

/** Per-pass timing of W9's convolutions (forward, input gradient, weight gradient). */
public final class Prof {
    static double time(Runnable r, int iters, int reps) {
        for (int i = 0; i < iters; i++) r.run();
        double best = Double.MAX_VALUE;
        for (int k = 0; k < reps; k++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < iters; i++) r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6 / iters);
        }
        return best;
    }

    static void conv(String name, int n, int cin, int cout, int h, int iters) {
        Tensor x = NnBench.det(0.1, 1.0, n, cin, h, h);
        Tensor w = NnBench.det(0.2, 0.05, cout, cin, 3, 3);
        Tensor b = NnBench.det(0.3, 0.1, cout);
        Tensor u = NnBench.det(0.4, 1.0, n, cout, h, h);
        int[] one = {1, 1};
        double f = time(() -> { try (NoGrad g = Tensor.noGrad()) { x.conv(w, b, one, one, one, one, 1); } }, iters, 5);
        x.requiresGrad(true);
        double fx = time(() -> { x.zeroGrad(); x.conv(w, null, one, one, one, one, 1).backward(u); }, iters, 5);
        x.requiresGrad(false);
        w.requiresGrad(true);
        double fw = time(() -> { w.zeroGrad(); x.conv(w, null, one, one, one, one, 1).backward(u); }, iters, 5);
        System.out.printf("%s fwd %.2f ms, dx %.2f ms, dw %.2f ms%n", name, f, fx - f, fw - f);
    }

    public static void main(String[] a) {
        for (int r = 0; r < Integer.getInteger("rounds", 2); r++) {
            conv("a 32->64", 32, 32, 64, 28, 10);
            conv("b 32->32", 32, 32, 32, 28, 10);
            conv("b 1->32", 32, 1, 32, 28, 10);
            Tensor xc = NnBench.det(0.6, 1.0, 1, 16, 64, 64, 64);
            Tensor wc = NnBench.det(0.7, 0.05, 16, 16, 3, 3, 3);
            Tensor bc = NnBench.det(0.8, 0.1, 16);
            int[] one3 = {1, 1, 1};
            System.out.printf("c fwd %.2f ms%n", time(() -> { try (NoGrad g = Tensor.noGrad()) { xc.conv(wc, bc, one3, one3, one3, one3, 1); } }, 3, 5));
        }
    }
}
