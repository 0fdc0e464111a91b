package org.gyrus.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code addLayerNorm} against the two operations it fuses: the same bits forward and backward. */
class AddLayerNormTest {

    /** Leaves of the same values for both graphs. */
    private static Tensor[] leaves(long seed) {
        Random r = new Random(seed);
        // 20 features: two whole 8-lane vectors and a scalar tail per row.
        Tensor x = Tensor.randn(r, 3, 5, 20).requiresGrad(true);
        Tensor res = Tensor.randn(r, 3, 5, 20).requiresGrad(true);
        Tensor w = Tensor.randn(r, 20).requiresGrad(true);
        Tensor b = Tensor.randn(r, 20).requiresGrad(true);
        Tensor target = Tensor.randn(r, 3, 5, 20);
        return new Tensor[] {x, res, w, b, target};
    }

    @Test
    void sameValuesAndGradientsAsAddThenLayerNorm() {
        Tensor[] f = leaves(5);
        Tensor[] s = leaves(5);
        Tensor fused = f[0].addLayerNorm(f[1], 20, f[2], f[3], 1e-5f);
        Tensor separate = s[0].add(s[1]).layerNorm(20, s[2], s[3], 1e-5f);
        assertArrayEquals(separate.data(), fused.data());
        Losses.mse(fused, f[4]).backward();
        Losses.mse(separate, s[4]).backward();
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(s[i].grad(), f[i].grad(), "gradient of input " + i);
        }
    }

    @Test
    void inputWithAGradientAlreadyGetsTheSumAdded() {
        // x also feeds the loss directly, so its gradient is not the fused op's alone.
        Tensor[] f = leaves(9);
        Tensor[] s = leaves(9);
        Losses.mse(f[0].addLayerNorm(f[1], 20, f[2], f[3], 1e-5f).add(f[0]), f[4]).backward();
        Losses.mse(s[0].add(s[1]).layerNorm(20, s[2], s[3], 1e-5f).add(s[0]), s[4]).backward();
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(s[i].grad(), f[i].grad(), "gradient of input " + i);
        }
    }
}
