package org.gyrus.nn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;
import org.gyrus.nn.Losses;
import org.gyrus.nn.NoGrad;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.layers.TransformerEncoderLayer;
import org.gyrus.nn.linalg.Parallel;
import org.gyrus.nn.optim.Adam;

/**
 * W5's encoder layer (32 x 64 x 128, 4 heads, feed-forward 256, ReLU, post-norm, Adam) on one
 * thread, timed by the thread's CPU time rather than the wall clock: for A/B comparisons of engine
 * versions on a busy machine while developing (run two builds alternately). Not the benchmark of
 * record ({@link NnBench}'s W5 is, side by side with PyTorch).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp CLASSES org.gyrus.nn.bench.EncoderCpuBench [reps]</pre>
 */
public final class EncoderCpuBench {

    private EncoderCpuBench() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Parallel.setThreads(1);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Random random = new Random(0);
        Tensor x = Tensor.randn(random, 32, 64, 128);
        Tensor tgt = Tensor.randn(random, 32, 64, 128);
        TransformerEncoderLayer layer = new TransformerEncoderLayer(128, 4, 256, 0f,
                TransformerEncoderLayer.FeedForwardActivation.RELU, false, 1e-5f, random);
        Adam opt = new Adam(layer.parameters(), 1e-3);
        for (int rep = 0; rep < reps; rep++) {
            long c0 = mx.getCurrentThreadCpuTime();
            float last = 0;
            for (int s = 0; s < 20; s++) {
                Tensor loss = Losses.mse(layer.forward(x), tgt);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                last = loss.item();
            }
            long c1 = mx.getCurrentThreadCpuTime();
            layer.eval();
            try (NoGrad ignored = Tensor.noGrad()) {
                for (int s = 0; s < 50; s++) {
                    layer.forward(x);
                }
            }
            layer.train(true);
            long c2 = mx.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "rep %d: train %.2f ms/step, inference %.2f ms/forward (CPU time), loss %.6f%n", rep,
                    (c1 - c0) / 20e6, (c2 - c1) / 50e6, last);
        }
    }
}
