package org.gyrus.adversarial.nodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gyrus.adversarial.AttackResult;
import org.gyrus.adversarial.ExampleGrid;
import org.gyrus.adversarial.Fgsm;
import org.gyrus.adversarial.Norm;
import org.gyrus.adversarial.OnePixel;
import org.gyrus.adversarial.Pgd;
import org.gyrus.adversarial.Proportion;
import org.gyrus.adversarial.Robustness;
import org.gyrus.data.Chart;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeMask;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/**
 * How robust a network is: its accuracy under each attack as ε grows, the attacks' success rates
 * with confidence intervals, the size of their perturbations, accuracy per class (and per group), and
 * a grid of examples, in one report.
 */
@Component(service = NodeType.class)
public final class RobustnessReportNode implements NodeType {

    static final String ID = "org.gyrus.adversarial.robustness-report";

    /** Parameters. */
    public static final class Parameters extends DataParameters {
        /** Attacks. */
        @Parameter(label = "Attacks", description = "Comma-separated: fgsm, pgd, one-pixel")
        public String attacks = "fgsm, pgd";
        /** Epsilons. */
        @Parameter(label = "Epsilons", description = "Budgets of the gradient attacks, comma-separated, in the data's units (ε = 0, the clean accuracy, is always included)")
        public String epsilons = "0.02, 0.05, 0.1, 0.2";
        /** Focus. */
        @Parameter(label = "Focus epsilon", description = "The ε of the per-class table and the example grid (one of the epsilons); 0: the largest", min = "0")
        public double focusEpsilon = 0;
        /** Norm. */
        @Parameter(label = "Norm", description = "inf: every value moves at most ε; 2: each sample's change has length at most ε", choices = {"inf", "2"})
        public String norm = "inf";
        /** PGD steps. */
        @Parameter(label = "PGD steps", description = "Steps of PGD", min = "1", max = "10000")
        public int pgdSteps = 10;
        /** Step factor. */
        @Parameter(label = "PGD step factor", description = "PGD's step size is this × ε / steps (Madry et al.: 2.5)", min = "0.000001", max = "1000")
        public double stepFactor = 2.5;
        /** Random start. */
        @Parameter(label = "PGD random start", description = "Begin PGD at a random point of the ball, drawn from the node's seed")
        public boolean randomStart = true;
        /** Pixels. */
        @Parameter(label = "One-pixel: pixels", description = "Pixels (voxels) the one-pixel attack changes", min = "1", max = "1000")
        public int pixels = 1;
        /** Population. */
        @Parameter(label = "One-pixel: population", description = "Candidates per generation (the paper: 400)", min = "4", max = "100000")
        public int population = 400;
        /** Iterations. */
        @Parameter(label = "One-pixel: iterations", description = "Generations (the paper: 100)", min = "1", max = "100000")
        public int iterations = 100;
        /** One-pixel samples. */
        @Parameter(label = "One-pixel: samples", description = "The one-pixel attack runs on the first this many samples (it is slow); 0: all", min = "0")
        public int onePixelSamples = 100;
        /** Examples. */
        @Parameter(label = "Examples", description = "Samples shown per attack in the example grid (those the attack flipped first)", min = "0", max = "100")
        public int examples = 6;
        /** Group column. */
        @Parameter(label = "Group column", description = "A column of the labels table (site, sex, ...) to break accuracy down by; empty: none", required = false)
        public String groupColumn = "";
        /** Confidence. */
        @Parameter(label = "Confidence level", description = "Of the Wilson intervals of accuracies and success rates", min = "0.5", max = "0.999")
        public double confidence = 0.95;
    }

    private static final NodeDescriptor DESCRIPTOR = AttackData.inputs(NodeDescriptor.builder(ID, "1.0.0")
            .name("Robustness report")
            .category("Adversarial")
            .documentation("""
                    Attacks a network with FGSM and PGD at each ε of a list (and, when asked, the one-pixel attack) and \
                    reports its robustness: accuracy versus ε for each attack (a PNG curve), each attack's success rate \
                    (among the samples the network classified correctly, those it flips) and the accuracies with Wilson \
                    confidence intervals, the mean and largest L∞ and L2 perturbation, the accuracy per class (and per \
                    group of a column of the labels table) at the focus ε, and a grid of examples: original | adversarial \
                    | amplified difference, with the predicted classes and confidences. Attacks are untargeted, with the \
                    semantics of the single attack nodes (ART). """ + AttackData.INPUTS_DOC + " The labels are required."))
            .optionalInput("mask", Volume.class, "With flat rows of in-mask voxels (volumes-to-features): the mask, to draw the examples as slices")
            .output("report", Report.class, "The curve, tables and example grids")
            .output("curve", Table.class, "Per attack and ε: accuracy and success rate with their intervals, perturbation norms")
            .output("breakdown", Table.class, "Per class (and group), attack and ε: clean and robust accuracy")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        AttackData data = AttackData.read(context, "robustness report", p);
        data.requireLabels();
        List<String> attacks = attacks(data, p.attacks);
        double[] eps = epsilons(data, p.epsilons);
        double focus = p.focusEpsilon == 0 ? eps[eps.length - 1] : p.focusEpsilon;
        if (Arrays.stream(eps).noneMatch(e -> e == focus) && attacks.stream().anyMatch(a -> !a.equals("one-pixel"))) {
            throw new IllegalArgumentException(data.node + ": parameter 'focusEpsilon' = " + p.focusEpsilon + " is not one of the epsilons "
                    + Arrays.toString(eps));
        }
        Norm norm = Attacks.checked(data, () -> Norm.parse(p.norm));
        String[] groups = p.groupColumn.isBlank() ? null : data.groups(context, p.groupColumn);
        VolumeMask mask = context.optionalInput("mask", Volume.class).map(v -> new VolumeMask(v, "the mask (input 'mask')")).orElse(null);
        if (mask != null && (data.isVolumes() || data.classifier.sampleShape().length != 1 || mask.size() != data.classifier.sampleSize())) {
            throw new IllegalArgumentException(data.node + ": input 'mask' selects " + mask.size() + " voxels, but the samples are "
                    + (data.isVolumes() || data.classifier.sampleShape().length != 1 ? "not flat rows of in-mask voxels"
                    : "rows of " + data.classifier.sampleSize() + " values") + "; connect the mask the features were made with, or none");
        }

        List<Robustness> runs = new ArrayList<>();
        int n = data.ids.size();
        int total = 0;
        for (String a : attacks) {
            total += a.equals("one-pixel") ? 1 : eps.length;
        }
        int done = 0;
        Robustness clean = new Robustness("none", 0, data.labels, AttackResult.of(data.classifier, data.samples, data.samples, data.labels, false));
        for (String a : attacks) {
            if (a.equals("one-pixel")) {
                int m = p.onePixelSamples == 0 ? n : Math.min(n, p.onePixelSamples);
                int size = data.classifier.sampleSize();
                float[] x = Arrays.copyOf(data.samples, m * size);
                int[] y = Arrays.copyOf(data.labels, m);
                OnePixel attack = Attacks.checked(data, () -> new OnePixel(p.pixels, p.population, p.iterations, false, data.min, data.max,
                        context.seed()));
                runs.add(new Robustness("one-pixel", Double.NaN, y, Attacks.checked(data, () -> attack.attack(data.classifier, x, y))));
                context.progress(++done / (double) total);
                continue;
            }
            for (double e : eps) {
                context.checkCancelled();
                float fe = (float) e;
                AttackResult r = Attacks.checked(data, () -> a.equals("fgsm")
                        ? new Fgsm(fe, norm, false, data.min, data.max).attack(data.classifier, data.samples, data.labels)
                        : new Pgd(fe, (float) (p.stepFactor * e / p.pgdSteps), p.pgdSteps, norm, false, p.randomStart, 1, data.min, data.max,
                                context.seed()).attack(data.classifier, data.samples, data.labels));
                runs.add(new Robustness(a, e, data.labels, r));
                context.progress(++done / (double) total);
            }
        }
        Table curve = curve(clean, runs, p.confidence);
        Table breakdown = breakdown(data, runs, groups);
        context.output("curve", curve);
        context.output("breakdown", breakdown);
        context.output("report", report(data, p, norm, clean, runs, focus, groups, mask, curve, breakdown));
        context.progress(1);
    }

    private static List<String> attacks(AttackData data, String text) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String a = part.trim().toLowerCase(Locale.ROOT);
            if (a.isEmpty()) {
                continue;
            }
            if (!List.of("fgsm", "pgd", "one-pixel").contains(a)) {
                throw new IllegalArgumentException(data.node + ": parameter 'attacks': unknown attack \"" + part.trim()
                        + "\"; use fgsm, pgd, one-pixel");
            }
            out.add(a);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(data.node + ": parameter 'attacks' names no attack; use fgsm, pgd, one-pixel");
        }
        return List.copyOf(out);
    }

    private static double[] epsilons(AttackData data, String text) {
        try {
            double[] eps = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToDouble(Double::parseDouble)
                    .filter(e -> e != 0).sorted().distinct().toArray();
            for (double e : eps) {
                if (!(e > 0) || Double.isInfinite(e)) {
                    throw new NumberFormatException();
                }
            }
            if (eps.length > 0) {
                return eps;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new IllegalArgumentException(data.node + ": parameter 'epsilons' = \"" + text
                + "\" must be finite numbers >= 0 separated by commas, at least one > 0 (for example 0.05, 0.1)");
    }

    static Table curve(Robustness clean, List<Robustness> runs, double level) {
        Rows rows = new Rows("$attack", "epsilon", "samples", "accuracy", "accuracy_low", "accuracy_high", "attacked", "success_rate",
                "success_low", "success_high", "mean_linf", "max_linf", "mean_l2", "max_l2");
        List<Robustness> all = new ArrayList<>();
        all.add(clean);
        all.addAll(runs);
        for (Robustness r : all) {
            Proportion acc = r.robust();
            Proportion flips = r.flipped();
            double[] a = acc.wilson(level);
            double[] f = flips.wilson(level);
            boolean none = r.attack().equals("none");
            rows.add(r.attack(), r.epsilon(), acc.trials(), acc.rate(), a[0], a[1], flips.trials(), none ? Double.NaN : flips.rate(),
                    none ? Double.NaN : f[0], none ? Double.NaN : f[1], r.meanLinf(), r.maxLinf(), r.meanL2(), r.maxL2());
        }
        return rows.table();
    }

    private static Table breakdown(AttackData data, List<Robustness> runs, String[] groups) {
        Rows rows = new Rows("$by", "$value", "$attack", "epsilon", "samples", "clean_accuracy", "robust_accuracy", "drop");
        for (Robustness r : runs) {
            int[] truth = r.truth();
            Map<String, boolean[]> members = new LinkedHashMap<>();
            for (int k = 0; k < data.classifier.classes(); k++) {
                boolean[] m = new boolean[truth.length];
                for (int s = 0; s < truth.length; s++) {
                    m[s] = truth[s] == k;
                }
                members.put("class\u0000" + (data.classNames == null ? Integer.toString(k) : data.classNames.get(k)), m);
            }
            if (groups != null) {
                for (String g : new LinkedHashSet<>(Arrays.asList(groups))) {
                    boolean[] m = new boolean[truth.length];
                    for (int s = 0; s < truth.length; s++) {
                        m[s] = groups[s].equals(g);
                    }
                    members.put("group\u0000" + g, m);
                }
            }
            for (Map.Entry<String, boolean[]> e : members.entrySet()) {
                Proportion[] cr = r.among(e.getValue());
                if (cr[0].trials() == 0) {
                    continue;
                }
                String[] key = e.getKey().split("\u0000", 2);
                rows.add(key[0], key[1], r.attack(), r.epsilon(), cr[0].trials(), cr[0].rate(), cr[1].rate(), cr[0].rate() - cr[1].rate());
            }
        }
        return rows.table();
    }

    private static Report report(AttackData data, Parameters p, Norm norm, Robustness clean, List<Robustness> runs, double focus,
            String[] groups, VolumeMask mask, Table curve, Table breakdown) {
        double level = p.confidence;
        Proportion c = clean.robust();
        double[] ci = c.wilson(level);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%d samples of shape %s, %d classes; values kept in [%s, %s]; norm %s. Clean accuracy %.3f (%.0f%% CI %.3f–%.3f).",
                c.trials(), Arrays.toString(data.classifier.sampleShape()), data.classifier.classes(), Attacks.g(data.min), Attacks.g(data.max),
                norm == Norm.INF ? "L∞" : "L2", c.rate(), 100 * level, ci[0], ci[1]));
        for (Robustness r : runs) {
            if (r.attack().equals("one-pixel") || r.epsilon() == focus) {
                Proportion a = r.robust();
                Proportion f = r.flipped();
                double[] fi = f.wilson(level);
                text.append(String.format(Locale.ROOT, "\n\n%s%s: accuracy %.3f; success rate %.3f (%d of %d correctly classified samples "
                        + "flipped; %.0f%% CI %.3f–%.3f); mean L∞ change %.4g, mean L2 change %.4g.",
                        r.attack().equals("one-pixel") ? "One-pixel attack (" + p.pixels + " pixel(s), population " + p.population
                                + ", " + p.iterations + " generations, on " + a.trials() + " samples)" : r.attack().toUpperCase(Locale.ROOT),
                        r.attack().equals("one-pixel") ? "" : " at ε = " + Attacks.g(r.epsilon()),
                        a.rate(), f.rate(), f.successes(), f.trials(), 100 * level, fi[0], fi[1], r.meanLinf(), r.meanL2()));
            }
        }
        text.append("\n\nThe success rate counts, among the samples the network classified correctly, those the attack "
                + "misclassifies; accuracies and rates carry Wilson intervals.");
        if (runs.stream().anyMatch(r -> r.attack().equals("pgd"))) {
            text.append(String.format(Locale.ROOT, " PGD: %d steps of %s × ε / %d%s.", p.pgdSteps, Attacks.g(p.stepFactor), p.pgdSteps,
                    p.randomStart ? ", from a random start" : ""));
        }
        Report report = Report.empty().withText("Robustness", text.toString());
        Chart chart = new Chart("Accuracy under attack", "ε (" + (norm == Norm.INF ? "L∞" : "L2") + ")", "accuracy");
        for (String a : runs.stream().map(Robustness::attack).filter(a -> !a.equals("one-pixel")).distinct().toList()) {
            List<Robustness> of = runs.stream().filter(r -> r.attack().equals(a)).toList();
            double[] x = new double[of.size() + 1];
            double[] y = new double[of.size() + 1];
            y[0] = c.rate();
            for (int i = 0; i < of.size(); i++) {
                x[i + 1] = of.get(i).epsilon();
                y[i + 1] = of.get(i).robust().rate();
            }
            chart.line(a.toUpperCase(Locale.ROOT), x, y);
        }
        if (runs.stream().anyMatch(r -> !r.attack().equals("one-pixel"))) {
            report = report.withFigure("Accuracy versus ε", "robustness_curve", "Accuracy of the network under each attack as ε grows "
                    + "(ε = 0: clean)", chart);
        }
        report = report.withMetrics("Accuracy and success rate per attack and ε", "robustness_curve", curve);
        List<Integer> focusRows = new ArrayList<>();
        for (int r = 0; r < breakdown.rowCount(); r++) {
            double e = breakdown.numeric("epsilon").get(r);
            if (e == focus || Double.isNaN(e)) {
                focusRows.add(r);
            }
        }
        report = report.withMetrics(String.format(Locale.ROOT, "Accuracy per class%s at ε = %s (one-pixel: its samples)",
                groups == null ? "" : " and group", Attacks.g(focus)), "robustness_breakdown",
                breakdown.selectRows(focusRows.stream().mapToInt(Integer::intValue).toArray()));
        if (p.examples > 0) {
            int[] shape = data.classifier.sampleShape();
            if (mask != null) {
                long[] dims = mask.volume().dimensions();
                shape = new int[] {1, (int) dims[2], (int) dims[1], (int) dims[0]};
            }
            ExampleGrid grid = new ExampleGrid(shape, data.min, data.max, data.classNames);
            for (Robustness r : runs) {
                if (!r.attack().equals("one-pixel") && r.epsilon() != focus) {
                    continue;
                }
                int[] shown = examples(r, p.examples);
                if (shown.length == 0) {
                    continue;
                }
                String what = r.attack().equals("one-pixel") ? "one-pixel attack" : r.attack().toUpperCase(Locale.ROOT) + " at ε = "
                        + Attacks.g(r.epsilon());
                String name = r.attack().equals("one-pixel") ? "examples_one_pixel" : "examples_" + r.attack();
                float[] original = Arrays.copyOf(data.samples, r.result().adversarial().length);
                AttackResult result = r.result();
                List<String> names = Arrays.stream(shown).mapToObj(data.ids::get).toList();
                if (mask != null) {
                    original = onGrid(mask, original, shown);
                    result = onGrid(mask, result, shown);
                    shown = java.util.stream.IntStream.range(0, shown.length).toArray();
                }
                report = report.withFigure("Examples: " + what, name, "Original | adversarial | difference amplified to the full grey "
                        + "scale (mid grey: no change), with the network's class and confidence; " + what,
                        grid.draw("Adversarial examples, " + what, result, original, shown, names));
            }
        }
        return report;
    }

    /** The rows {@code shown} of flat in-mask voxels as volumes on the mask's grid, NaN outside the mask (drawn as background). */
    private static float[] onGrid(VolumeMask mask, float[] rows, int[] shown) {
        int size = mask.size();
        float[] inside = mask.toVolume(ones(size), 0, "the mask").toFloatArray();
        float[] out = new float[shown.length * inside.length];
        for (int i = 0; i < shown.length; i++) {
            float[] v = mask.toVolume(rows, shown[i] * size, "sample " + (shown[i] + 1)).toFloatArray();
            for (int j = 0; j < v.length; j++) {
                out[i * inside.length + j] = inside[j] == 0 ? Float.NaN : v[j];
            }
        }
        return out;
    }

    private static AttackResult onGrid(VolumeMask mask, AttackResult r, int[] shown) {
        int n = shown.length;
        int[] labels = new int[n];
        int[] c0 = new int[n];
        int[] c1 = new int[n];
        float[] p0 = new float[n];
        float[] p1 = new float[n];
        double[] linf = new double[n];
        double[] l2 = new double[n];
        boolean[] success = new boolean[n];
        for (int i = 0; i < n; i++) {
            int s = shown[i];
            labels[i] = r.labels()[s];
            c0[i] = r.originalClass()[s];
            c1[i] = r.adversarialClass()[s];
            p0[i] = r.originalConfidence()[s];
            p1[i] = r.adversarialConfidence()[s];
            linf[i] = r.linf()[s];
            l2[i] = r.l2()[s];
            success[i] = r.success()[s];
        }
        return new AttackResult(onGrid(mask, r.adversarial(), shown), labels, r.targeted(), c0, p0, c1, p1, linf, l2, success);
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        Arrays.fill(v, 1f);
        return v;
    }

    /** The samples to show: those the attack flipped first, then other correctly classified ones. */
    private static int[] examples(Robustness r, int count) {
        List<Integer> flipped = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        AttackResult a = r.result();
        for (int s = 0; s < r.truth().length; s++) {
            if (a.originalClass()[s] == r.truth()[s]) {
                (a.adversarialClass()[s] != r.truth()[s] ? flipped : kept).add(s);
            }
        }
        flipped.addAll(kept);
        return flipped.stream().limit(count).mapToInt(Integer::intValue).toArray();
    }
}
