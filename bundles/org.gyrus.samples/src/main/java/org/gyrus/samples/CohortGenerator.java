package org.gyrus.samples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.gyrus.data.CategoricalColumn;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.SpatialUnit;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.data.TemporalUnit;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.data.VolumeSpec;
import org.gyrus.data.XformCode;
import org.gyrus.nn.linalg.Parallel;
import org.joml.Matrix4d;

/**
 * Makes a synthetic cohort: one brain-like 3-D phantom per subject (head, skull, CSF, grey and
 * white matter, ventricles widening with age, a smooth multiplicative bias field and Rician noise;
 * for the labelled subjects a white-matter lesion) on an oblique scanner grid, and a clinical table
 * linked by subject id (age, sex, site, scanner, two cognitive scores, the lesion label) with about
 * the requested fraction of cells missing, more often at one site and in older subjects. The same
 * seed gives the same cohort, whatever the number of threads.
 */
public final class CohortGenerator {

    private static final String[] SITES = {"site-A", "site-B", "site-C"};
    private static final double[] SITE_SHARE = {0.45, 0.35, 0.20};
    private static final String[][] SCANNERS = {{"Siemens Prisma"}, {"GE Discovery MR750"}, {"Philips Achieva", "Siemens Skyra"}};
    /** How much more often cells go missing at each site: site C is the sloppy one. */
    private static final double[] SITE_MISSING = {0.6, 1.0, 2.2};
    /** The field of view the grid spans, in millimetres. */
    private static final double FIELD_OF_VIEW = 220;

    private final int subjects;
    private final int size;
    private final double lesionFraction;
    private final double missingFraction;
    private final double noise;
    private final long seed;

    /**
     * @param subjects        number of subjects (at least 1)
     * @param size            voxels along each axis (at least 8)
     * @param lesionFraction  fraction of subjects with a lesion (label 1)
     * @param missingFraction target fraction of missing clinical cells (id and label are never missing)
     * @param noise           standard deviation of the Gaussian noise under the magnitude, relative to white matter
     * @param seed            the seed
     */
    public CohortGenerator(int subjects, int size, double lesionFraction, double missingFraction, double noise, long seed) {
        if (subjects < 1 || size < 8) {
            throw new IllegalArgumentException("A cohort needs at least 1 subject and 8 voxels per axis");
        }
        this.subjects = subjects;
        this.size = size;
        this.lesionFraction = lesionFraction;
        this.missingFraction = missingFraction;
        this.noise = noise;
        this.seed = seed;
    }

    /** A generated cohort. */
    public record Cohort(VolumeSet volumes, Table clinical, Volume brainMask) {
    }

    /** Generates the cohort with up to {@code threads} threads of the thread budget in force. */
    public Cohort generate(int threads) throws InterruptedException {
        SplittableRandom master = new SplittableRandom(seed);
        List<Subject> people = demographics(master);
        Matrix4d affine = affine();
        List<SplittableRandom> randoms = new ArrayList<>();
        for (int i = 0; i < subjects; i++) {
            randoms.add(master.split());
        }
        Volume[] phantoms = new Volume[subjects];
        try {
            Parallel.forParts(subjects, threads, i -> phantoms[i] = phantom(people.get(i), randoms.get(i), affine));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Generating a phantom failed", e);
        }
        Map<String, Volume> volumes = new LinkedHashMap<>();
        for (int i = 0; i < subjects; i++) {
            volumes.put(people.get(i).id, phantoms[i]);
        }
        return new Cohort(VolumeSet.of(volumes), clinical(people, master), mask(affine));
    }

    private static final class Subject {
        String id;
        double age;
        String sex;
        int site;
        String scanner;
        boolean lesion;
        double scale;
    }

    private List<Subject> demographics(SplittableRandom r) {
        int width = Math.max(3, Integer.toString(subjects).length());
        int lesions = (int) Math.round(lesionFraction * subjects);
        int[] order = permutation(subjects, r);
        boolean[] hasLesion = new boolean[subjects];
        for (int i = 0; i < lesions; i++) {
            hasLesion[order[i]] = true;
        }
        List<Subject> out = new ArrayList<>();
        for (int i = 0; i < subjects; i++) {
            Subject s = new Subject();
            s.id = "sub-" + String.format("%0" + width + "d", i + 1);
            s.age = Math.round(r.nextDouble(55, 85) * 10) / 10.0;
            s.sex = r.nextBoolean() ? "F" : "M";
            double u = r.nextDouble();
            s.site = u < SITE_SHARE[0] ? 0 : u < SITE_SHARE[0] + SITE_SHARE[1] ? 1 : 2;
            String[] scanners = SCANNERS[s.site];
            s.scanner = scanners[r.nextInt(scanners.length)];
            s.lesion = hasLesion[i];
            s.scale = (s.sex.equals("M") ? 1.02 : 0.98) * (1 + 0.02 * r.nextGaussian());
            out.add(s);
        }
        return out;
    }

    private Volume phantom(Subject s, SplittableRandom r, Matrix4d affine) {
        Anatomy anatomy = new Anatomy(s.scale, s.age, s.lesion, r);
        double[] bias = new double[6];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = r.nextDouble(-1, 1);
        }
        int n = size;
        float[] data = new float[n * n * n];
        int i = 0;
        for (int z = 0; z < n; z++) {
            double w = (z + 0.5) / n * 2 - 1;
            for (int y = 0; y < n; y++) {
                double v = (y + 0.5) / n * 2 - 1;
                for (int x = 0; x < n; x++) {
                    double u = (x + 0.5) / n * 2 - 1;
                    // A smooth, low-order field like the receive-coil shading of real scans.
                    double field = 1 + 0.12 * (bias[0] * u + bias[1] * v + bias[2] * w)
                            + 0.06 * (bias[3] * (u * u - v * v) + bias[4] * u * w + bias[5] * v * w);
                    double signal = anatomy.intensity(u, v, w) * field;
                    double re = signal + noise * r.nextGaussian();
                    double im = noise * r.nextGaussian();
                    data[i++] = (float) Math.sqrt(re * re + im * im);
                }
            }
        }
        return Volume.builder(data, n, n, n).affine(affine, XformCode.SCANNER_ANAT)
                .units(SpatialUnit.MM, TemporalUnit.UNKNOWN)
                .metadata("descrip", "Gyrus synthetic phantom " + s.id)
                .metadata("subject", s.id)
                .build();
    }

    private Volume mask(Matrix4d affine) {
        int n = size;
        float[] data = new float[n * n * n];
        int i = 0;
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    boolean in = Anatomy.inTemplateBrain((x + 0.5) / n * 2 - 1, (y + 0.5) / n * 2 - 1, (z + 0.5) / n * 2 - 1);
                    data[i++] = in ? 1f : 0f;
                }
            }
        }
        return Volume.builder(data, n, n, n).affine(affine, XformCode.SCANNER_ANAT)
                .units(SpatialUnit.MM, TemporalUnit.UNKNOWN).metadata("descrip", "Gyrus template brain mask").build();
    }

    /**
     * An oblique scanner grid: voxels of FIELD_OF_VIEW / size mm, rotated by 10° about x, -4° about y
     * and 7° about z as a tilted acquisition would be, the grid centre at (0, -18, 12) mm.
     */
    Matrix4d affine() {
        double v = FIELD_OF_VIEW / size;
        Matrix4d m = new Matrix4d()
                .rotateZ(Math.toRadians(7)).rotateY(Math.toRadians(-4)).rotateX(Math.toRadians(10))
                .scale(v);
        double c = (size - 1) / 2.0;
        org.joml.Vector3d centre = m.transformPosition(new org.joml.Vector3d(c, c, c));
        m.setTranslation(-centre.x, -18 - centre.y, 12 - centre.z);
        return m;
    }

    /** The columns of the clinical table, as {@link #generate} makes them. */
    static TableSpec clinicalSpec() {
        return TableSpec.of(new ColumnSpec("subject_id", ColumnSpec.Kind.TEXT, ColumnRole.ID),
                new ColumnSpec("age", ColumnSpec.Kind.NUMERIC, ColumnRole.FEATURE),
                new ColumnSpec("sex", ColumnSpec.Kind.CATEGORICAL, ColumnRole.FEATURE),
                new ColumnSpec("site", ColumnSpec.Kind.CATEGORICAL, ColumnRole.FEATURE),
                new ColumnSpec("scanner", ColumnSpec.Kind.CATEGORICAL, ColumnRole.FEATURE),
                new ColumnSpec("memory_score", ColumnSpec.Kind.NUMERIC, ColumnRole.FEATURE),
                new ColumnSpec("attention_score", ColumnSpec.Kind.NUMERIC, ColumnRole.FEATURE),
                new ColumnSpec("lesion", ColumnSpec.Kind.NUMERIC, ColumnRole.LABEL));
    }

    /** The grid of every volume and of the mask: size³ voxels on the oblique scanner grid. */
    VolumeSpec grid() {
        return new VolumeSpec(new long[] {size, size, size}, affine());
    }

    private Table clinical(List<Subject> people, SplittableRandom r) {
        int n = people.size();
        String[] ids = new String[n];
        double[] age = new double[n];
        String[] sex = new String[n];
        String[] site = new String[n];
        String[] scanner = new String[n];
        double[] memory = new double[n];
        double[] attention = new double[n];
        double[] label = new double[n];
        double[] weight = new double[n];
        double weightSum = 0;
        for (int i = 0; i < n; i++) {
            Subject s = people.get(i);
            ids[i] = s.id;
            age[i] = s.age;
            sex[i] = s.sex;
            site[i] = SITES[s.site];
            scanner[i] = s.scanner;
            int l = s.lesion ? 1 : 0;
            label[i] = l;
            memory[i] = Math.round(Math.max(0, Math.min(30, 29 - 0.12 * (s.age - 55) - 3.0 * l + 1.8 * r.nextGaussian())) * 10) / 10.0;
            attention[i] = Math.round(Math.max(0, 100 - 0.45 * (s.age - 55) - 9.0 * l + 6.0 * r.nextGaussian()) * 10) / 10.0;
            weight[i] = SITE_MISSING[s.site] * (s.age > 75 ? 1.5 : 1.0);
            weightSum += weight[i];
        }
        // Missing at random given site and age: a subject's cells go missing with a probability
        // proportional to its weight, scaled so that the expected fraction is the one requested.
        double meanWeight = weightSum / n;
        for (int i = 0; i < n; i++) {
            double p = Math.min(0.9, missingFraction * weight[i] / meanWeight);
            if (r.nextDouble() < p) age[i] = Double.NaN;
            if (r.nextDouble() < p) sex[i] = null;
            if (r.nextDouble() < p * 0.5) site[i] = null;
            if (r.nextDouble() < p * 1.5) scanner[i] = null;
            if (r.nextDouble() < p) memory[i] = Double.NaN;
            if (r.nextDouble() < p) attention[i] = Double.NaN;
        }
        return Table.of(
                new TextColumn("subject_id", ColumnRole.ID, ids),
                new NumericColumn("age", age),
                CategoricalColumn.of("sex", sex),
                CategoricalColumn.of("site", site),
                CategoricalColumn.of("scanner", scanner),
                new NumericColumn("memory_score", memory),
                new NumericColumn("attention_score", attention),
                new NumericColumn("lesion", ColumnRole.LABEL, label));
    }

    private static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
