package org.gyrus.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import org.gyrus.nn.linalg.Parallel;
import org.gyrus.nn.testsupport.Reference;
import org.junit.jupiter.api.Test;

/**
 * The convolutions cut large grids into chunks of columns and spread chunks or batch items over
 * threads; every combination gives the results of one whole-grid, single-threaded pass (to float
 * rounding: the weight gradient sums chunk by chunk, 1e-4 as in the parity tests).
 */
class ConvChunkingTest {

    private static List<float[]> run(int threads, int chunkFloats, BinaryOperator<Tensor> f, Tensor x, Tensor w, Tensor b) {
        int savedThreads = Parallel.threads();
        int savedChunk = Convolution.chunkFloats;
        Parallel.setThreads(threads);
        Convolution.chunkFloats = chunkFloats;
        try {
            x.zeroGrad();
            w.zeroGrad();
            b.zeroGrad();
            Tensor y = f.apply(x, w);
            y.mul(Tensor.randn(new Random(4), y.shape())).sum().backward();
            List<float[]> out = new ArrayList<>();
            out.add(y.toArray());
            out.add(x.grad().clone());
            out.add(w.grad().clone());
            out.add(b.grad().clone());
            return out;
        } finally {
            Parallel.setThreads(savedThreads);
            Convolution.chunkFloats = savedChunk;
        }
    }

    private static void check(String name, BinaryOperator<Tensor> f, Tensor x, Tensor w, Tensor b) {
        List<float[]> ref = run(1, 1 << 19, f, x, w, b);
        int chunks = 0;
        for (int threads : new int[] {1, 2}) {
            for (int chunk : new int[] {1 << 19, 700, 64}) {
                List<float[]> got = run(threads, chunk, f, x, w, b);
                for (int i = 0; i < ref.size(); i++) {
                    Reference.assertClose(name + " threads " + threads + " chunk " + chunk + " result " + i,
                            ref.get(i), got.get(i), 1e-4);
                }
                chunks++;
            }
        }
        assertTrue(chunks == 6);
    }

    @Test
    void convolutionsMatchAcrossChunksAndThreads() {
        Random r = new Random(7);
        Tensor b4 = Tensor.randn(r, 4).requiresGrad(true);
        for (int batch : new int[] {1, 3}) {
            Tensor x = Tensor.randn(r, batch, 3, 11, 13).requiresGrad(true);
            Tensor w = Tensor.randn(r, 4, 3, 3, 3).requiresGrad(true);
            check("conv2d batch " + batch, (a, k) -> a.conv(k, b4, new int[] {2, 1}, new int[] {1, 1}, new int[] {1, 1},
                    new int[] {1, 1}, 1), x, w, b4);
            Tensor x1 = Tensor.randn(r, batch, 4, 9, 10).requiresGrad(true);
            Tensor w1 = Tensor.randn(r, 4, 2, 1, 1).requiresGrad(true);
            check("conv2d 1x1 groups batch " + batch, (a, k) -> a.conv(k, b4, new int[] {1, 1}, new int[2], new int[2],
                    new int[] {1, 1}, 2), x1, w1, b4);
            Tensor x3 = Tensor.randn(r, batch, 2, 6, 7, 5).requiresGrad(true);
            Tensor w3 = Tensor.randn(r, 4, 2, 3, 3, 3).requiresGrad(true);
            check("conv3d batch " + batch, (a, k) -> a.conv(k, b4, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                    new int[] {1, 1, 1}, new int[] {1, 1, 1}, 1), x3, w3, b4);
            Tensor xt = Tensor.randn(r, batch, 3, 7, 6).requiresGrad(true);
            Tensor wt = Tensor.randn(r, 3, 4, 3, 3).requiresGrad(true);
            check("conv_transpose2d batch " + batch, (a, k) -> a.convTranspose(k, b4, new int[] {2, 2}, new int[] {1, 1},
                    new int[] {1, 1}, new int[] {1, 1}, 1), xt, wt, b4);
        }
    }
}
