package org.gyrus.nn;

import java.util.Arrays;
import org.gyrus.nn.linalg.Parallel;

/**
 * Batch normalisation and group normalisation of channels-first tensors {@code [N, C, ...]}, each
 * one recorded operation. Backward recomputes the normalised values from the input and the saved
 * per-group mean and inverse standard deviation rather than keeping a second copy of the
 * activation.
 */
final class ChannelNorm {

    private ChannelNorm() {
    }

    private static void checkChannels(String op, Tensor x) {
        if (x.shape.length < 2) {
            throw new IllegalArgumentException(op + ": input must be [N, C, ...], got " + Arrays.toString(x.shape));
        }
    }

    private static void checkAffine(String op, Tensor t, int channels, String name) {
        if (t != null && t.data.length != channels) {
            throw new IllegalArgumentException(op + ": " + name + " has " + t.data.length + " values, input has "
                    + channels + " channels");
        }
    }

    /**
     * PyTorch's {@code F.batch_norm}. In training the batch statistics normalise and the running
     * statistics (if given) are updated in place: {@code running = (1 - momentum) * running +
     * momentum * batch}, with the unbiased variance. In evaluation the running statistics normalise.
     */
    static Tensor batchNorm(Tensor x, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                            boolean training, float momentum, float eps) {
        String op = "batch_norm";
        checkChannels(op, x);
        int n = x.shape[0];
        int c = x.shape[1];
        int plane = Shapes.size(x.shape) / Math.max(1, n * c);
        checkAffine(op, weight, c, "weight");
        checkAffine(op, bias, c, "bias");
        checkAffine(op, runningMean, c, "running_mean");
        checkAffine(op, runningVar, c, "running_var");
        if (!training && (runningMean == null || runningVar == null)) {
            throw new IllegalArgumentException(op + ": evaluation needs running statistics");
        }
        long count = (long) n * plane;
        if (training && count <= 1) {
            throw new IllegalArgumentException(op + ": expected more than 1 value per channel when training, got input "
                    + Arrays.toString(x.shape));
        }
        float[] xd = x.data;
        float[] mean = new float[c];
        float[] invStd = new float[c];
        float[] out = new float[xd.length];
        Parallel.forRange(c, 1, (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                double m;
                double var;
                if (training) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        int base = (i * c + ch) * plane;
                        for (int l = 0; l < plane; l++) {
                            s += xd[base + l];
                        }
                    }
                    m = s / count;
                    double ss = 0;
                    for (int i = 0; i < n; i++) {
                        int base = (i * c + ch) * plane;
                        for (int l = 0; l < plane; l++) {
                            double dv = xd[base + l] - m;
                            ss += dv * dv;
                        }
                    }
                    var = ss / count;
                    if (runningMean != null) {
                        runningMean.data[ch] = (float) ((1 - momentum) * runningMean.data[ch] + momentum * m);
                    }
                    if (runningVar != null) {
                        runningVar.data[ch] = (float) ((1 - momentum) * runningVar.data[ch] + momentum * ss / (count - 1));
                    }
                } else {
                    m = runningMean.data[ch];
                    var = runningVar.data[ch];
                }
                float mu = (float) m;
                float is = (float) (1.0 / Math.sqrt(var + eps));
                mean[ch] = mu;
                invStd[ch] = is;
                float w = weight == null ? 1f : weight.data[ch];
                float b = bias == null ? 0f : bias.data[ch];
                for (int i = 0; i < n; i++) {
                    int base = (i * c + ch) * plane;
                    for (int l = 0; l < plane; l++) {
                        out[base + l] = (xd[base + l] - mu) * is * w + b;
                    }
                }
            }
        });
        return Tensor.result(out, x.shape.clone(), g -> {
            float[] gx = x.requiresGrad() ? x.gradBuffer() : null;
            float[] gw = weight != null && weight.requiresGrad() ? weight.gradBuffer() : null;
            float[] gb = bias != null && bias.requiresGrad() ? bias.gradBuffer() : null;
            Parallel.forRange(c, 1, (from, to) -> {
                for (int ch = from; ch < to; ch++) {
                    float mu = mean[ch];
                    float is = invStd[ch];
                    double sumG = 0;
                    double sumGx = 0;
                    for (int i = 0; i < n; i++) {
                        int base = (i * c + ch) * plane;
                        for (int l = 0; l < plane; l++) {
                            float gv = g[base + l];
                            sumG += gv;
                            sumGx += gv * (xd[base + l] - mu) * is;
                        }
                    }
                    if (gw != null) {
                        gw[ch] += (float) sumGx;
                    }
                    if (gb != null) {
                        gb[ch] += (float) sumG;
                    }
                    if (gx == null) {
                        continue;
                    }
                    float w = weight == null ? 1f : weight.data[ch];
                    if (training) {
                        // d x = w * is * (g - mean(g) - xhat * mean(g * xhat))
                        float mg = (float) (sumG / count);
                        float mgx = (float) (sumGx / count);
                        for (int i = 0; i < n; i++) {
                            int base = (i * c + ch) * plane;
                            for (int l = 0; l < plane; l++) {
                                float xh = (xd[base + l] - mu) * is;
                                gx[base + l] += w * is * (g[base + l] - mg - xh * mgx);
                            }
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            int base = (i * c + ch) * plane;
                            for (int l = 0; l < plane; l++) {
                                gx[base + l] += g[base + l] * w * is;
                            }
                        }
                    }
                }
            });
        }, x, weight, bias);
    }

    /** PyTorch's {@code F.group_norm}: statistics per sample and group of channels. */
    static Tensor groupNorm(Tensor x, int groups, Tensor weight, Tensor bias, float eps) {
        String op = "group_norm";
        checkChannels(op, x);
        int n = x.shape[0];
        int c = x.shape[1];
        if (groups < 1 || c % groups != 0) {
            throw new IllegalArgumentException(op + ": " + c + " channels cannot be split into " + groups + " groups");
        }
        checkAffine(op, weight, c, "weight");
        checkAffine(op, bias, c, "bias");
        int plane = Shapes.size(x.shape) / Math.max(1, n * c);
        int cg = c / groups;
        int groupSize = cg * plane;
        float[] xd = x.data;
        float[] mean = new float[n * groups];
        float[] invStd = new float[n * groups];
        float[] out = new float[xd.length];
        Parallel.forRange(n * groups, Math.max(1, (1 << 14) / Math.max(1, groupSize)), (from, to) -> {
            for (int ng = from; ng < to; ng++) {
                int base = ng * groupSize;
                // Four running sums each: one chain of dependent double adds is latency-bound.
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int i = 0;
                for (; i + 4 <= groupSize; i += 4) {
                    s0 += xd[base + i];
                    s1 += xd[base + i + 1];
                    s2 += xd[base + i + 2];
                    s3 += xd[base + i + 3];
                }
                for (; i < groupSize; i++) {
                    s0 += xd[base + i];
                }
                double m = ((s0 + s1) + (s2 + s3)) / groupSize;
                s0 = 0;
                s1 = 0;
                s2 = 0;
                s3 = 0;
                for (i = 0; i + 4 <= groupSize; i += 4) {
                    double d0 = xd[base + i] - m, d1 = xd[base + i + 1] - m, d2 = xd[base + i + 2] - m, d3 = xd[base + i + 3] - m;
                    s0 += d0 * d0;
                    s1 += d1 * d1;
                    s2 += d2 * d2;
                    s3 += d3 * d3;
                }
                for (; i < groupSize; i++) {
                    double dv = xd[base + i] - m;
                    s0 += dv * dv;
                }
                double ss = (s0 + s1) + (s2 + s3);
                float mu = (float) m;
                float is = (float) (1.0 / Math.sqrt(ss / groupSize + eps));
                mean[ng] = mu;
                invStd[ng] = is;
                int c0 = ng % groups * cg;
                for (int k = 0; k < cg; k++) {
                    float w = weight == null ? 1f : weight.data[c0 + k];
                    float b = bias == null ? 0f : bias.data[c0 + k];
                    int cb = base + k * plane;
                    for (int l = 0; l < plane; l++) {
                        out[cb + l] = (xd[cb + l] - mu) * is * w + b;
                    }
                }
            }
        });
        return Tensor.result(out, x.shape.clone(), g -> {
            float[] gx = x.requiresGrad() ? x.gradBuffer() : null;
            float[] gw = weight != null && weight.requiresGrad() ? weight.gradBuffer() : null;
            float[] gb = bias != null && bias.requiresGrad() ? bias.gradBuffer() : null;
            // Affine gradients sum over the batch: one pass per channel, no shared writes.
            // Channels in parallel (each summed whole by one thread), two running sums per total.
            if (gw != null || gb != null) {
                Parallel.forRange(c, Math.max(1, (1 << 14) / Math.max(1, n * plane)), (ch0, ch1) -> {
                    for (int ch = ch0; ch < ch1; ch++) {
                        double sw0 = 0, sw1 = 0, sb0 = 0, sb1 = 0;
                        int grp = ch / cg;
                        for (int i = 0; i < n; i++) {
                            int cb = (i * c + ch) * plane;
                            float mu = mean[i * groups + grp];
                            float is = invStd[i * groups + grp];
                            int l = 0;
                            for (; l + 2 <= plane; l += 2) {
                                sw0 += g[cb + l] * (xd[cb + l] - mu) * is;
                                sb0 += g[cb + l];
                                sw1 += g[cb + l + 1] * (xd[cb + l + 1] - mu) * is;
                                sb1 += g[cb + l + 1];
                            }
                            for (; l < plane; l++) {
                                sw0 += g[cb + l] * (xd[cb + l] - mu) * is;
                                sb0 += g[cb + l];
                            }
                        }
                        if (gw != null) {
                            gw[ch] += (float) (sw0 + sw1);
                        }
                        if (gb != null) {
                            gb[ch] += (float) (sb0 + sb1);
                        }
                    }
                });
            }
            if (gx == null) {
                return;
            }
            Parallel.forRange(n * groups, Math.max(1, (1 << 14) / Math.max(1, groupSize)), (from, to) -> {
                for (int ng = from; ng < to; ng++) {
                    int base = ng * groupSize;
                    int c0 = ng % groups * cg;
                    float mu = mean[ng];
                    float is = invStd[ng];
                    double sd0 = 0, sd1 = 0, sx0 = 0, sx1 = 0;
                    for (int k = 0; k < cg; k++) {
                        float w = weight == null ? 1f : weight.data[c0 + k];
                        int cb = base + k * plane;
                        int l = 0;
                        for (; l + 2 <= plane; l += 2) {
                            float d = g[cb + l] * w;
                            float e = g[cb + l + 1] * w;
                            sd0 += d;
                            sx0 += d * (xd[cb + l] - mu) * is;
                            sd1 += e;
                            sx1 += e * (xd[cb + l + 1] - mu) * is;
                        }
                        for (; l < plane; l++) {
                            float d = g[cb + l] * w;
                            sd0 += d;
                            sx0 += d * (xd[cb + l] - mu) * is;
                        }
                    }
                    float md = (float) ((sd0 + sd1) / groupSize);
                    float mdx = (float) ((sx0 + sx1) / groupSize);
                    for (int k = 0; k < cg; k++) {
                        float w = weight == null ? 1f : weight.data[c0 + k];
                        int cb = base + k * plane;
                        for (int l = 0; l < plane; l++) {
                            float xh = (xd[cb + l] - mu) * is;
                            gx[cb + l] += is * (g[cb + l] * w - md - xh * mdx);
                        }
                    }
                }
            });
        }, x, weight, bias);
    }
}
