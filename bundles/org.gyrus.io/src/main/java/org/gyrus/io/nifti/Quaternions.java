package org.gyrus.io.nifti;

/**
 * Conversions between NIfTI's qform quaternion and rotation matrices, following the NIfTI
 * reference code (nifti_quatern_to_mat44 / nifti_mat44_to_quatern) and nibabel.
 */
final class Quaternions {

    /** nibabel accepts |(b,c,d)| slightly above 1 up to three float32 epsilons (rounding in the file). */
    private static final double W2_THRESHOLD = 3 * Math.ulp(1.0f);

    private Quaternions() {
    }

    /** (a, b, c, d) with a = sqrt(1 - b² - c² - d²) ≥ 0; a small negative square is rounded to 0. */
    static double[] fillPositive(double b, double c, double d) {
        double w2 = 1.0 - (b * b + c * c + d * d);
        double a;
        if (w2 < 0) {
            if (w2 < -W2_THRESHOLD) {
                // Not a unit quaternion: normalise (b, c, d), which is what the reference code does.
                double n = Math.sqrt(b * b + c * c + d * d);
                return new double[] {0, b / n, c / n, d / n};
            }
            a = 0;
        } else {
            a = Math.sqrt(w2);
        }
        return new double[] {a, b, c, d};
    }

    /** The row-major 3×3 rotation of unit quaternion (a, b, c, d). */
    static double[] toRotation(double a, double b, double c, double d) {
        double n = a * a + b * b + c * c + d * d;
        if (n < 1e-30) {
            return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        }
        double s = 2.0 / n;
        double x = b * s;
        double y = c * s;
        double z = d * s;
        double wx = a * x;
        double wy = a * y;
        double wz = a * z;
        double xx = b * x;
        double xy = b * y;
        double xz = b * z;
        double yy = c * y;
        double yz = c * z;
        double zz = d * z;
        return new double[] {
            1 - (yy + zz), xy - wz, xz + wy,
            xy + wz, 1 - (xx + zz), yz - wx,
            xz - wy, yz + wx, 1 - (xx + yy)};
    }

    /**
     * The qform parameters of an affine's 3×3 part (row-major): {b, c, d, qfac, dx, dy, dz}. Shears
     * are removed by taking the nearest rotation (polar decomposition), as the reference code does.
     */
    static double[] fromMatrix(double[] m) {
        double[] r = m.clone();
        double[] vox = new double[3];
        for (int col = 0; col < 3; col++) {
            double len = Math.sqrt(r[col] * r[col] + r[3 + col] * r[3 + col] + r[6 + col] * r[6 + col]);
            if (len == 0) {
                // A degenerate axis: use the unit vector so the rotation stays defined.
                r[col] = 0;
                r[3 + col] = 0;
                r[6 + col] = 0;
                r[col * 3 + col] = 1;
                len = 1;
                vox[col] = 0;
            } else {
                vox[col] = len;
            }
            r[col] /= len;
            r[3 + col] /= len;
            r[6 + col] /= len;
        }
        r = nearestOrthogonal(r);
        double qfac = 1;
        if (det(r) < 0) {
            qfac = -1;
            r[2] = -r[2];
            r[5] = -r[5];
            r[8] = -r[8];
        }
        double a = r[0] + r[4] + r[8] + 1;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r[7] - r[5]) / a;
            c = 0.25 * (r[2] - r[6]) / a;
            d = 0.25 * (r[3] - r[1]) / a;
        } else {
            double xd = 1 + r[0] - (r[4] + r[8]);
            double yd = 1 + r[4] - (r[0] + r[8]);
            double zd = 1 + r[8] - (r[0] + r[4]);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r[1] + r[3]) / b;
                d = 0.25 * (r[2] + r[6]) / b;
                a = 0.25 * (r[7] - r[5]) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r[1] + r[3]) / c;
                d = 0.25 * (r[5] + r[7]) / c;
                a = 0.25 * (r[2] - r[6]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r[2] + r[6]) / d;
                c = 0.25 * (r[5] + r[7]) / d;
                a = 0.25 * (r[3] - r[1]) / d;
            }
            if (a < 0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new double[] {b, c, d, qfac, vox[0], vox[1], vox[2]};
    }

    /** The orthogonal matrix nearest to {@code m} (Higham's iteration X ← (X + X⁻ᵀ) / 2). */
    static double[] nearestOrthogonal(double[] m) {
        double[] x = m.clone();
        for (int it = 0; it < 100; it++) {
            double[] inv = inverseTranspose(x);
            if (inv == null) {
                return x;
            }
            double change = 0;
            for (int i = 0; i < 9; i++) {
                double v = 0.5 * (x[i] + inv[i]);
                change = Math.max(change, Math.abs(v - x[i]));
                x[i] = v;
            }
            if (change < 1e-15) {
                break;
            }
        }
        return x;
    }

    static double det(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    private static double[] inverseTranspose(double[] m) {
        double det = det(m);
        if (Math.abs(det) < 1e-300) {
            return null;
        }
        // The inverse transposed is the cofactor matrix divided by the determinant.
        return new double[] {
            (m[4] * m[8] - m[5] * m[7]) / det, -(m[3] * m[8] - m[5] * m[6]) / det, (m[3] * m[7] - m[4] * m[6]) / det,
            -(m[1] * m[8] - m[2] * m[7]) / det, (m[0] * m[8] - m[2] * m[6]) / det, -(m[0] * m[7] - m[1] * m[6]) / det,
            (m[1] * m[5] - m[2] * m[4]) / det, -(m[0] * m[5] - m[2] * m[3]) / det, (m[0] * m[4] - m[1] * m[3]) / det};
    }
}
