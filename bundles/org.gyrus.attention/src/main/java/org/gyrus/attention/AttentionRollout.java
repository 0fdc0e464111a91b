package org.gyrus.attention;

import java.util.List;

/**
 * What a transformer's [CLS] token attends to: the raw attention of [CLS] to each token per layer
 * and head, and attention rollout (Abnar and Zuidema 2020, "Quantifying attention flow in
 * transformers"): per layer the heads' mean attention {@code A}, mixed with the identity for the
 * residual connection, {@code 0.5 A + 0.5 I} (whose rows still sum to one), multiplied from the
 * first layer to the last; the [CLS] row of the product, without [CLS] itself, says how much of
 * the final [CLS] representation flows from each input token.
 */
public final class AttentionRollout {

    private AttentionRollout() {
    }

    /**
     * The attention of [CLS] (token 0) to the tokens 1..T-1 in one layer and head.
     *
     * @param weights one layer's weights {@code [N, H, T, T]}, row-major
     * @return T - 1 values
     */
    public static double[] clsRow(float[] weights, int heads, int t, int sample, int head) {
        double[] out = new double[t - 1];
        int base = ((sample * heads + head) * t) * t;
        for (int j = 1; j < t; j++) {
            out[j - 1] = weights[base + j];
        }
        return out;
    }

    /**
     * The rollout of one sample's [CLS] row.
     *
     * @param layers per layer the weights {@code [N, H, T, T]}, row-major, first layer first
     * @param heads  heads H
     * @param t      tokens T, [CLS] included
     * @param sample the sample
     * @return T - 1 values (tokens 1..T-1), non-negative; with [CLS]'s own share they sum to one
     */
    public static double[] rollout(List<float[]> layers, int heads, int t, int sample) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Attention rollout needs at least one layer");
        }
        // Only row 0 of A_L ... A_1 is needed: carry it as a vector from the last layer down, O(L H T^2).
        double[] v = new double[t];
        v[0] = 1;
        for (int l = layers.size() - 1; l >= 0; l--) {
            float[] w = layers.get(l);
            double[] next = new double[t];
            for (int i = 0; i < t; i++) {
                double vi = v[i];
                if (vi == 0) {
                    continue;
                }
                next[i] += 0.5 * vi;
                double share = 0.5 * vi / heads;
                for (int h = 0; h < heads; h++) {
                    int row = (((sample * heads + h) * t) + i) * t;
                    for (int j = 0; j < t; j++) {
                        next[j] += share * w[row + j];
                    }
                }
            }
            v = next;
        }
        double[] out = new double[t - 1];
        System.arraycopy(v, 1, out, 0, t - 1);
        return out;
    }
}
