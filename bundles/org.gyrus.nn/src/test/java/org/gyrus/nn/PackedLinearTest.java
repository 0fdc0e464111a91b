package org.gyrus.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The packed no-grad Linear gives the bits of {@code Tensor.linear} (and {@code silu()}): shapes
 * with several inner blocks, a last panel narrower than a register block, leftover rows, no bias,
 * and rows split into blocks as a caller spreading a batch over threads does. (Products of at most
 * 16³ multiply-adds, which Gemm sums in a plain loop, round differently and are not used here.)
 */
class PackedLinearTest {

    private static Tensor random(SplittableRandom r, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return Tensor.of(v, shape);
    }

    private static void check(int rows, int in, int out, boolean bias, boolean silu, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = random(r, rows, in);
        Tensor w = random(r, out, in);
        Tensor b = bias ? random(r, out) : null;
        float[] want;
        try (NoGrad ignored = Tensor.noGrad()) {
            Tensor y = x.linear(w, b);
            want = (silu ? y.silu() : y).data();
        }
        PackedLinear packed = PackedLinear.of(w, b);
        LinearActivation act = silu ? LinearActivation.SILU : LinearActivation.NONE;
        float[] got = new float[rows * out];
        packed.apply(rows, x.data(), 0, in, act, got, 0, out);
        String what = rows + " x " + in + " -> " + out + (bias ? " + b" : "") + (silu ? ", silu" : "");
        assertArrayEquals(want, got, 0f, what);
        // in two row blocks written into a wider output (stride out + 3), as a batch split over threads
        int ld = out + 3;
        float[] strided = new float[rows * ld];
        int half = rows / 2;
        packed.apply(half, x.data(), 0, in, act, strided, 0, ld);
        packed.apply(rows - half, x.data(), half * in, in, act, strided, half * ld, ld);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < out; j++) {
                if (Float.compare(strided[i * ld + j], want[i * out + j]) != 0) {
                    throw new AssertionError(what + ", split rows: (" + i + ", " + j + ") " + strided[i * ld + j] + " != " + want[i * out + j]);
                }
            }
        }
    }

    @Test
    void theW7LayersGiveTheBitsOfTensorLinear() {
        check(64, 848, 512, true, true, 1);
        check(64, 512, 512, true, true, 2);
        check(64, 512, 784, true, false, 3);
    }

    @Test
    void oddShapesGiveTheBitsOfTensorLinear() {
        check(13, 300, 37, true, true, 4);
        check(1, 6, 784, true, false, 5);
        check(9, 257, 33, false, false, 6);
        check(8, 40, 20, true, true, 7);
        check(17, 700, 64, false, true, 8);
    }

    @Test
    void badArgumentsAreNamed() {
        PackedLinear p = PackedLinear.of(Tensor.zeros(4, 3), Tensor.zeros(4));
        assertThrows(IndexOutOfBoundsException.class, () -> p.apply(2, new float[5], 0, 3, LinearActivation.NONE, new float[8], 0, 4));
        assertThrows(IllegalArgumentException.class, () -> PackedLinear.of(Tensor.zeros(4, 3), Tensor.zeros(3)));
    }
}
