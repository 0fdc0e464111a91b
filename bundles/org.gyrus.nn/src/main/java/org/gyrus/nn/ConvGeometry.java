package org.gyrus.nn;

import java.util.Arrays;

/**
 * The index arithmetic of one convolution, always in three spatial dimensions (a 2-d convolution
 * has depth 1, a 1-d one depth and height 1), so that one im2col/col2im pair serves Conv1d/2d/3d
 * and the transposed convolutions.
 *
 * <p>The "big" grid is the convolution's input (a transposed convolution's output), the "small"
 * grid its output (a transposed convolution's input). Column matrices have one row per
 * (channel, kernel offset) and one column per small-grid position, as PyTorch's im2col.
 */
final class ConvGeometry {

    final int channels;
    final int bd, bh, bw;
    final int od, oh, ow;
    final int kd, kh, kw;
    final int sd, sh, sw;
    final int pd, ph, pw;
    final int dd, dh, dw;

    ConvGeometry(int channels, int[] big, int[] small, int[] kernel, int[] stride, int[] padBefore, int[] dilation) {
        this.channels = channels;
        int[] b = pad3(big);
        int[] o = pad3(small);
        int[] k = pad3(kernel);
        int[] s = pad3(stride);
        int[] p = pad3zero(padBefore);
        int[] d = pad3(dilation);
        bd = b[0]; bh = b[1]; bw = b[2];
        od = o[0]; oh = o[1]; ow = o[2];
        kd = k[0]; kh = k[1]; kw = k[2];
        sd = s[0]; sh = s[1]; sw = s[2];
        pd = p[0]; ph = p[1]; pw = p[2];
        dd = d[0]; dh = d[1]; dw = d[2];
    }

    private static int[] pad3(int[] a) {
        int[] r = {1, 1, 1};
        System.arraycopy(a, 0, r, 3 - a.length, a.length);
        return r;
    }

    private static int[] pad3zero(int[] a) {
        int[] r = {0, 0, 0};
        System.arraycopy(a, 0, r, 3 - a.length, a.length);
        return r;
    }

    /** Kernel offsets per channel. */
    int kernelSize() {
        return kd * kh * kw;
    }

    /** Positions of the small grid (columns of the column matrix). */
    int smallSize() {
        return od * oh * ow;
    }

    /** Positions of the big grid. */
    int bigSize() {
        return bd * bh * bw;
    }

    /** Whether the column matrix is the big grid itself (1x1 kernel, stride 1, no padding). */
    boolean identity() {
        return kd == 1 && kh == 1 && kw == 1 && sd == 1 && sh == 1 && sw == 1 && pd == 0 && ph == 0 && pw == 0
                && od == bd && oh == bh && ow == bw;
    }

    /**
     * Output length of a convolution along one axis, as PyTorch computes it.
     */
    static int convOut(int in, int kernel, int stride, int padTotal, int dilation) {
        return Math.floorDiv(in + padTotal - dilation * (kernel - 1) - 1, stride) + 1;
    }

    /**
     * Fills {@code col} (rows {@code channels * K}, row stride {@code l1 - l0}) with the big-grid values
     * that columns {@code [l0, l1)} of the small grid see; padding reads as zero.
     *
     * @param src    the big grid of one batch item, channels first
     * @param srcOff offset of its first channel
     */
    void im2col(float[] src, int srcOff, int l0, int l1, float[] col) {
        transfer(src, srcOff, l0, l1, col, false);
    }

    /** The adjoint of {@link #im2col}: adds every column entry back onto the big-grid value it came from. */
    void col2im(float[] col, int l0, int l1, float[] dst, int dstOff) {
        transfer(dst, dstOff, l0, l1, col, true);
    }

    private void transfer(float[] grid, int gridOff, int l0, int l1, float[] col, boolean accumulate) {
        int n = l1 - l0;
        int bigPlane = bh * bw;
        int bigSize = bd * bigPlane;
        int ohw = oh * ow;
        for (int c = 0; c < channels; c++) {
            int cOff = gridOff + c * bigSize;
            for (int kz = 0; kz < kd; kz++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        int row = ((c * kd + kz) * kh + ky) * kw + kx;
                        int p = row * n;
                        int l = l0;
                        int z = l / ohw;
                        int rem = l - z * ohw;
                        int y = rem / ow;
                        int x = rem - y * ow;
                        int xShift = kx * dw - pw;
                        // Output columns x whose input column x*sw + xShift lies inside [0, bw).
                        int xLo = Math.max(0, Math.floorDiv(-xShift + sw - 1, sw));
                        int xHi = Math.min(ow, Math.floorDiv(bw - xShift + sw - 1, sw));
                        while (l < l1) {
                            int run = Math.min(ow - x, l1 - l);
                            int iz = z * sd - pd + kz * dd;
                            int iy = y * sh - ph + ky * dh;
                            if (iz < 0 || iz >= bd || iy < 0 || iy >= bh || xHi <= xLo) {
                                if (!accumulate) {
                                    Arrays.fill(col, p, p + run, 0f);
                                }
                            } else {
                                int base = cOff + iz * bigPlane + iy * bw + xShift;
                                int j0 = Math.min(run, Math.max(0, xLo - x));
                                int j1 = Math.max(j0, Math.min(run, xHi - x));
                                if (!accumulate) {
                                    Arrays.fill(col, p, p + j0, 0f);
                                    Arrays.fill(col, p + j1, p + run, 0f);
                                    if (sw == 1) {
                                        System.arraycopy(grid, base + x + j0, col, p + j0, j1 - j0);
                                    } else {
                                        for (int j = j0; j < j1; j++) {
                                            col[p + j] = grid[base + (x + j) * sw];
                                        }
                                    }
                                } else if (sw == 1) {
                                    int g = base + x;
                                    for (int j = j0; j < j1; j++) {
                                        grid[g + j] += col[p + j];
                                    }
                                } else {
                                    for (int j = j0; j < j1; j++) {
                                        grid[base + (x + j) * sw] += col[p + j];
                                    }
                                }
                            }
                            p += run;
                            l += run;
                            x = 0;
                            if (++y == oh) {
                                y = 0;
                                z++;
                            }
                        }
                    }
                }
            }
        }
    }
}
