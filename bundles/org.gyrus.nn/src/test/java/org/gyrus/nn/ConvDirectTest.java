package org.gyrus.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.gyrus.nn.linalg.Parallel;
import org.gyrus.nn.testsupport.Reference;
import org.junit.jupiter.api.Test;

/**
 * The direct (padded-copy) convolution against the im2col path on random stride-1 cases in 1, 2
 * and 3 dimensions: odd sizes, kernels 1 to 3, dilation, uneven padding up to the dilated kernel,
 * one and two threads, and buffer budgets small enough to cut items into slabs and batches into
 * chunks. Output and all three gradients agree to float rounding (1e-4, as the chunking test);
 * the PyTorch parity of both paths is in {@link ConvOpsParityTest}. A second run on the same
 * thread budget repeats every bit.
 */
class ConvDirectTest {

    private record Case(Tensor x, Tensor w, Tensor b, int[] pb, int[] pa, int[] dil, Tensor u) {
    }

    private static List<float[]> run(Case c, boolean direct, int threads, int buffer) {
        int savedThreads = Parallel.threads();
        int savedBuffer = DirectConv.bufferFloats;
        Parallel.setThreads(threads);
        DirectConv.enabled = direct;
        DirectConv.bufferFloats = buffer;
        try {
            c.x.zeroGrad();
            c.w.zeroGrad();
            if (c.b != null) {
                c.b.zeroGrad();
            }
            int[] stride = new int[c.pb.length];
            Arrays.fill(stride, 1);
            Tensor y = c.x.conv(c.w, c.b, stride, c.pb, c.pa, c.dil, 1);
            y.backward(c.u);
            List<float[]> out = new ArrayList<>();
            out.add(y.toArray());
            out.add(c.x.grad().clone());
            out.add(c.w.grad().clone());
            if (c.b != null) {
                out.add(c.b.grad().clone());
            }
            return out;
        } finally {
            Parallel.setThreads(savedThreads);
            DirectConv.enabled = true;
            DirectConv.bufferFloats = savedBuffer;
        }
    }

    private static Case randomCase(Random r) {
        int sp = 1 + r.nextInt(3);
        int batch = 1 + r.nextInt(5);
        int cin = 1 + r.nextInt(9);
        int cout = 1 + r.nextInt(9);
        int[] xs = new int[sp + 2];
        int[] ws = new int[sp + 2];
        int[] pb = new int[sp];
        int[] pa = new int[sp];
        int[] dil = new int[sp];
        xs[0] = batch;
        xs[1] = cin;
        ws[0] = cout;
        ws[1] = cin;
        for (int i = 0; i < sp; i++) {
            int k = 1 + r.nextInt(3);
            dil[i] = 1 + r.nextInt(2);
            int extent = dil[i] * (k - 1);
            pb[i] = r.nextInt(extent + 1);
            pa[i] = r.nextInt(extent + 1);
            xs[i + 2] = Math.max(1, extent + 1 - pb[i] - pa[i]) + r.nextInt(sp == 3 ? 6 : 20);
            ws[i + 2] = k;
        }
        Tensor x = Tensor.randn(r, xs).requiresGrad(true);
        Tensor w = Tensor.randn(r, ws).requiresGrad(true);
        Tensor b = r.nextBoolean() ? Tensor.randn(r, cout).requiresGrad(true) : null;
        int[] ys = xs.clone();
        ys[1] = cout;
        for (int i = 0; i < sp; i++) {
            ys[i + 2] = xs[i + 2] + pb[i] + pa[i] - dil[i] * (ws[i + 2] - 1);
        }
        return new Case(x, w, b, pb, pa, dil, Tensor.randn(r, ys));
    }

    @Test
    void directMatchesIm2colOnRandomCases() {
        Random r = new Random(12);
        int compared = 0;
        for (int i = 0; i < 120; i++) {
            Case c = randomCase(r);
            List<float[]> ref = run(c, false, 1, DirectConv.bufferFloats);
            for (int threads : new int[] {1, 2}) {
                for (int buffer : new int[] {1 << 21, 64 + r.nextInt(1500)}) {
                    List<float[]> got = run(c, true, threads, buffer);
                    for (int k = 0; k < ref.size(); k++) {
                        Reference.assertClose("case " + i + " " + Arrays.toString(c.x.shape()) + " weight "
                                + Arrays.toString(c.w.shape()) + " threads " + threads + " buffer " + buffer + " result " + k,
                                ref.get(k), got.get(k), 1e-4);
                    }
                    compared++;
                }
            }
        }
        assertTrue(compared == 480);
    }

    @Test
    void sameThreadBudgetRepeatsEveryBit() {
        Random r = new Random(3);
        Case c = new Case(Tensor.randn(r, 6, 5, 13, 11).requiresGrad(true), Tensor.randn(r, 7, 5, 3, 3).requiresGrad(true),
                Tensor.randn(r, 7).requiresGrad(true), new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1},
                Tensor.randn(r, 6, 7, 13, 11));
        for (int threads : new int[] {1, 2}) {
            List<float[]> a = run(c, true, threads, 1 << 21);
            List<float[]> b = run(c, true, threads, 1 << 21);
            for (int k = 0; k < a.size(); k++) {
                assertArrayEquals(a.get(k), b.get(k), "threads " + threads + " result " + k);
            }
        }
    }
}
