package org.gyrus.samples;

import java.util.SplittableRandom;

/**
 * The shape of one synthetic head in normalised voxel coordinates (each axis from -1 to 1; x left
 * to right, y posterior to anterior, z inferior to superior): nested ellipsoids for scalp, skull,
 * CSF and brain, a folded cortical ribbon, ventricles that widen with age, and optionally a lesion.
 * Intensities are T1-like, white matter brightest.
 */
final class Anatomy {

    static final float BACKGROUND = 0f;
    static final float SCALP = 0.80f;
    static final float SKULL = 0.12f;
    static final float CSF = 0.25f;
    static final float GREY = 0.62f;
    static final float WHITE = 1.0f;
    static final float LESION = 0.42f;

    /** Brain semi-axes at head scale 1. */
    private static final double BX = 0.55;
    private static final double BY = 0.66;
    private static final double BZ = 0.55;

    private final double scale;
    private final double atrophy;
    private final double ventricleGrowth;
    private final double[] lesionCentre;
    private final double lesionRadius;

    /**
     * @param scale      head size relative to the template (about 0.95 to 1.05)
     * @param age        in years: older brains have thinner cortex and larger ventricles
     * @param lesion     whether to place a lesion in the white matter
     * @param random     the subject's random source, used to place the lesion
     */
    Anatomy(double scale, double age, boolean lesion, SplittableRandom random) {
        this.scale = scale;
        double years = Math.max(0, age - 50);
        this.atrophy = 0.0025 * years;
        this.ventricleGrowth = 1 + 0.02 * years;
        if (lesion) {
            lesionRadius = 0.09 + 0.05 * random.nextDouble();
            lesionCentre = whiteMatterPoint(random);
        } else {
            lesionRadius = 0;
            lesionCentre = null;
        }
    }

    /** The mask of the template brain (scale 1): what the demo extracts features from. */
    static boolean inTemplateBrain(double x, double y, double z) {
        return sq(x / BX) + sq(y / BY) + sq((z - 0.08) / BZ) <= 1.0;
    }

    /** The noise-free, bias-free intensity at a point. */
    float intensity(double x, double y, double z) {
        double xs = x / scale;
        double ys = y / scale;
        double zs = (z - 0.08) / scale;
        double rho = Math.sqrt(sq(xs / BX) + sq(ys / BY) + sq(zs / BZ));
        if (rho > 1.30) {
            return BACKGROUND;
        }
        if (rho > 1.18) {
            return SCALP;
        }
        if (rho > 1.08) {
            return SKULL;
        }
        double brainEdge = 1.0 - atrophy;
        if (rho > brainEdge) {
            return CSF;
        }
        if (lesionCentre != null && sq(x - lesionCentre[0]) + sq(y - lesionCentre[1]) + sq(z - lesionCentre[2])
                <= sq(lesionRadius)) {
            return LESION;
        }
        if (inVentricle(xs, ys, zs)) {
            return CSF;
        }
        double fold = 0.08 * Math.sin(17 * xs + 0.7) * Math.sin(15 * ys + 1.1) * Math.sin(16 * zs + 0.3);
        double cortex = 0.15 - 0.8 * atrophy;
        if (rho + fold > brainEdge - cortex) {
            return GREY;
        }
        if (sq((Math.abs(xs) - 0.16) / 0.07) + sq((ys - 0.02) / 0.12) + sq((zs + 0.02) / 0.08) <= 1) {
            return GREY; // the basal ganglia
        }
        return WHITE;
    }

    private boolean inVentricle(double xs, double ys, double zs) {
        double ax = 0.07 * ventricleGrowth;
        double ay = 0.26 * Math.sqrt(ventricleGrowth);
        double az = 0.09 * ventricleGrowth;
        return sq((Math.abs(xs) - 0.10) / ax) + sq((ys - 0.03) / ay) + sq((zs - 0.10) / az) <= 1;
    }

    private double[] whiteMatterPoint(SplittableRandom random) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            double x = random.nextDouble(-0.6, 0.6);
            double y = random.nextDouble(-0.7, 0.7);
            double z = random.nextDouble(-0.5, 0.7);
            if (isDeepWhite(x, y, z)) {
                return new double[] {x, y, z};
            }
        }
        return new double[] {0.3 * scale, 0.2 * scale, 0.35 * scale};
    }

    /** Whether a lesion of the chosen radius centred here stays inside white matter along the axes. */
    private boolean isDeepWhite(double x, double y, double z) {
        double r = lesionRadius;
        double[][] probes = {{0, 0, 0}, {r, 0, 0}, {-r, 0, 0}, {0, r, 0}, {0, -r, 0}, {0, 0, r}, {0, 0, -r}};
        for (double[] p : probes) {
            double xs = (x + p[0]) / scale;
            double ys = (y + p[1]) / scale;
            double zs = (z + p[2] - 0.08) / scale;
            double rho = Math.sqrt(sq(xs / BX) + sq(ys / BY) + sq(zs / BZ));
            if (rho > 0.72 || inVentricle(xs, ys, zs)) {
                return false;
            }
        }
        return true;
    }

    private static double sq(double v) {
        return v * v;
    }
}
