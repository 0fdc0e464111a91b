package org.gyrus.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.gyrus.nn.Tensor;
import org.junit.jupiter.api.Test;

/** Layer behaviour not covered by the PyTorch references: shapes, options, errors, the embedding formula. */
class ImageLayersTest {

    @Test
    void samePaddingKeepsTheSizeAndExplicitPaddingChangesIt() {
        Random r = new Random(1);
        Tensor x = Tensor.randn(r, 2, 3, 7, 6);
        Conv2d same = new Conv2d(3, 4, new int[] {4, 3}, new int[] {1}, Padding.same(), new int[] {2, 1}, 1, true, r);
        assertArrayEquals(new int[] {2, 4, 7, 6}, same.forward(x).shape());
        Conv2d valid = new Conv2d(3, 4, 3, 2, 0, r);
        assertArrayEquals(new int[] {2, 4, 3, 2}, valid.forward(x).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(3, 4, new int[] {3}, new int[] {2}, Padding.same(), new int[] {1}, 1, true, r));
        assertTrue(e.getMessage().contains("padding \"same\" needs stride 1"), e.getMessage());
    }

    @Test
    void wrongInputsGiveErrorsNamingTheShapes() {
        Random r = new Random(2);
        Conv2d conv = new Conv2d(3, 4, 3, 1, 1, r);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 2, 5, 5)));
        assertTrue(e.getMessage().contains("input has 2 channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(2, 5, 5)));
        assertTrue(e.getMessage().contains("input must have 4 axes (N, C, H, W)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, 5, 1, 0, r).forward(Tensor.zeros(1, 3, 3, 3)));
        assertTrue(e.getMessage().contains("smaller than the dilated kernel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(3, 4));
        assertTrue(e.getMessage().contains("4 channels cannot be split into 3 groups"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(new int[] {2}, null, new int[] {2}, new int[] {1}, false)
                .forward(Tensor.zeros(1, 1, 4, 4)));
        assertTrue(e.getMessage().contains("padding 2 must be at most half the kernel 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Tensor.zeros(1, 3, 1, 1)));
        assertTrue(e.getMessage().contains("more than 1 value per channel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Upsample(2.0, "bicubic"));
        assertTrue(e.getMessage().contains("unsupported mode \"bicubic\""), e.getMessage());
    }

    @Test
    void batchNormUsesBatchStatisticsInTrainingAndRunningOnesInEvaluation() {
        BatchNorm2d bn = new BatchNorm2d(2);
        Tensor x = Tensor.randn(new Random(3), 4, 2, 3, 3).mul(3f).add(5f);
        float[] train = bn.forward(x).data();
        double mean = 0;
        for (int i = 0; i < 9 * 4; i++) {
            mean += train[(i / 9) * 18 + i % 9];
        }
        assertEquals(0, mean / 36, 1e-5, "training output of channel 0 has batch mean 0");
        assertTrue(bn.runningMean().data()[0] > 0.3f, "running mean moved towards 5: " + bn.runningMean().data()[0]);
        assertEquals(1f, bn.namedBuffers().get("num_batches_tracked").data()[0]);
        bn.eval();
        float[] eval = bn.forward(x).data();
        assertTrue(Math.abs(eval[0] - train[0]) > 0.1, "evaluation normalises with the running statistics");
        assertEquals(1f, bn.namedBuffers().get("num_batches_tracked").data()[0], "evaluation does not count batches");
    }

    @Test
    void sinusoidalEmbeddingIsTheDiffusionFormula() {
        Tensor e = new SinusoidalEmbedding(8).forward(Tensor.of(new float[] {0f, 5f, 999f}, 3));
        assertArrayEquals(new int[] {3, 8}, e.shape());
        for (int i = 0; i < 4; i++) {
            assertEquals(0f, e.get(0, i));
            assertEquals(1f, e.get(0, 4 + i));
            double f = Math.exp(-Math.log(10000) * i / 3);
            assertEquals(Math.sin(5 * f), e.get(1, i), 1e-6);
            assertEquals(Math.cos(999 * f), e.get(2, 4 + i), 2e-4);
        }
        Tensor odd = new SinusoidalEmbedding(9).forward(Tensor.of(new float[] {7f}, 1));
        assertEquals(0f, odd.get(0, 8), "odd width: zero last column");
    }

    @Test
    void unetHandlesOddSizesAndChecksItsInputs() {
        UNet u = new UNet(new UNet.Config(2, 2, 3, new int[] {4, 8, 8}, new int[] {2}, false, 2, 2, false, 0f), new Random(4));
        Tensor y = u.forward(Tensor.randn(new Random(5), 1, 2, 13, 9));
        assertArrayEquals(new int[] {1, 3, 13, 9}, y.shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> u.forward(Tensor.zeros(1, 2, 8, 8), Tensor.zeros(1)));
        assertTrue(e.getMessage().contains("takes no timesteps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> u.forward(Tensor.zeros(1, 1, 8, 8)));
        assertTrue(e.getMessage().contains("expected input [N, 2, H, W]"), e.getMessage());
    }

    @Test
    void channelConcatenationAndFlatten() {
        Tensor a = Tensor.randn(new Random(6), 2, 1, 2, 2);
        Tensor b = Tensor.randn(new Random(7), 2, 3, 2, 2);
        Tensor c = Tensor.concat(1, a, b);
        assertArrayEquals(new int[] {2, 4, 2, 2}, c.shape());
        assertEquals(b.get(1, 2, 1, 0), c.get(1, 3, 1, 0));
        assertArrayEquals(new int[] {2, 16}, new Flatten().forward(c).shape());
        assertArrayEquals(new int[] {2, 4, 4}, new Flatten(2, 3).forward(c).shape());
    }
}
