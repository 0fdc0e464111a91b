package org.gyrus.diffusion.nodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import net.imglib2.img.array.ArrayImgs;

import org.gyrus.data.Chart;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.diffusion.AddedNoise;
import org.gyrus.diffusion.DenoisingEvaluation;
import org.gyrus.diffusion.DiffusionDenoiser;
import org.gyrus.diffusion.DiffusionModel;
import org.gyrus.diffusion.ImageGrid;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Compares the denoisers on a clean volume at several noise levels: PSNR and SSIM, whole and per slice, and a figure. */
@Component(service = NodeType.class)
public final class EvaluateDenoisersNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Levels. */
        @Parameter(label = "Noise levels", description = "Noise σ as fractions of the clean intensity range, separated by commas")
        public String levels = "0.05, 0.1, 0.2";
        /** Kind. */
        @Parameter(label = "Noise", choices = {"gaussian", "rician"})
        public String noise = "gaussian";
        /** Gaussian σ to try. */
        @Parameter(label = "Gaussian sigmas", description = "Smoothing σ in voxels to try; the best by PSNR is reported (an oracle choice that favours the baseline)")
        public String gaussianSigmas = "0.5, 0.75, 1, 1.5, 2, 3";
        /** NLM patch. */
        @Parameter(label = "NLM patch radius", min = "0", max = "10")
        public int nlmPatch = 1;
        /** NLM search. */
        @Parameter(label = "NLM search radius", min = "0", max = "30")
        public int nlmSearch = 5;
        /** NLM h. */
        @Parameter(label = "NLM h (× sigma)", min = "0.01")
        public double nlmH = 0.8;
        /** Diffusion reverse process. */
        @Parameter(label = "Diffusion reverse process", choices = {"ddim", "ddpm"})
        public String method = "ddim";
        /** Steps. */
        @Parameter(label = "Diffusion DDIM steps", min = "1", max = "10000")
        public int steps = 3;
        /** Strength. */
        @Parameter(label = "Diffusion strength", min = "1", max = "100")
        public double strength = 1;
        /** Seed. */
        @Parameter(label = "Seed", description = "Seed of the noise; -1: the pipeline's seed for this node")
        public long seed = -1;
    }

    private static final java.util.Map<String, String> SHORT = java.util.Map.of("noisy", "noisy", "gaussian", "Gaussian",
            "non-local-means", "NLM", "diffusion", "diffusion");

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.diffusion.evaluate-denoisers", "1.0.0")
            .name("Evaluate denoisers")
            .category(VolumeFrames.CATEGORY)
            .documentation("""
                    Adds seeded noise to a clean (held-back) 3-D volume at each level and scores the noisy volume, Gaussian \
                    smoothing (at its best σ among those given), non-local means (slice by slice) and, when a model is \
                    connected, diffusion denoising against the clean volume: PSNR and SSIM (scikit-image's definitions) of \
                    the whole volume and of each axial slice. Every denoiser is told the true noise σ. The report has the \
                    summary, the per-slice PSNR distributions and a figure with the four side by side at each level.""")
            .optionalInput("clean", Volume.class, "The clean volume (3-D, each side at least 11 voxels)")
            .optionalInput("volumes", VolumeSet.class, "Or: a set of clean volumes (e.g. a train node's held-out subjects); the first is evaluated")
            .optionalInput("model", ModelArtifact.class, "A diffusion model; without it the diffusion rows are left out")
            .output("summary", Table.class, "Per level and method: sigma, the method's setting, PSNR and SSIM of the volume, "
                    + "median and quartiles of the per-slice PSNR, median per-slice SSIM")
            .output("slices", Table.class, "Per level, method and axial slice: PSNR and SSIM")
            .output("report", Report.class, "Summary, per-slice distributions, side-by-side figure")
            .output("noisy", Volume.class, "The noisy volume at the first level, on the clean volume's grid and affine")
            .output("denoised", Volume.class, "The diffusion-denoised volume at the first level (non-local means' without a model), same grid")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        String node = DiffusionData.node(context, "evaluate denoisers");
        Volume clean = clean(context, node);
        if (clean.numDimensions() != 3) {
            throw new IllegalArgumentException(node + ": input 'clean' must be a 3-D volume, not " + clean.numDimensions() + "-D");
        }
        int[] dims = Arrays.stream(clean.dimensions()).mapToInt(Math::toIntExact).toArray();
        Optional<ModelArtifact> artifact = context.optionalInput("model", ModelArtifact.class);
        DiffusionModel model = artifact.isPresent() ? DiffusionData.model(context, node) : null;
        DenoisingEvaluation.Settings settings;
        try {
            settings = new DenoisingEvaluation.Settings(VolumeFrames.perAxis(p.levels, count(p.levels), "parameter 'levels'"), p.noise,
                    VolumeFrames.perAxis(p.gaussianSigmas, count(p.gaussianSigmas), "parameter 'gaussianSigmas'"), p.nlmPatch, p.nlmSearch,
                    p.nlmH, new DiffusionDenoiser.Settings(p.method, p.steps, p.strength, 0), p.seed == -1 ? context.seed() : p.seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(node + ": " + e.getMessage(), e);
        }
        float[] c = clean.toFloatArray();
        List<DenoisingEvaluation.Result> results;
        try {
            results = DenoisingEvaluation.run(c, dims, model, settings, DiffusionData.monitor(context, 0, 0.98));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(node + ": " + e.getMessage(), e);
        }
        Table summary = summary(results);
        context.output("summary", summary);
        context.output("slices", slices(results, dims[2]));
        context.output("report", report(results, summary, c, dims, settings));
        String shown = model != null ? "diffusion" : "non-local-means";
        context.output("noisy", clean.toBuilder(ArrayImgs.floats(find(results, settings.levels()[0], "noisy").output(), clean.dimensions())).build());
        context.output("denoised", clean.toBuilder(ArrayImgs.floats(find(results, settings.levels()[0], shown).output(), clean.dimensions())).build());
        context.progress(1);
    }

    private static Volume clean(NodeContext context, String node) {
        Optional<Volume> one = context.optionalInput("clean", Volume.class);
        Optional<VolumeSet> set = context.optionalInput("volumes", VolumeSet.class);
        if (one.isPresent() == set.isPresent()) {
            throw new IllegalArgumentException(node + ": connect exactly one of the inputs 'clean' (a volume) and 'volumes' (a volume set)");
        }
        if (one.isPresent()) {
            return one.get();
        }
        if (set.get().ids().isEmpty()) {
            throw new IllegalArgumentException(node + ": the input 'volumes' is empty (did the train node hold out any volume?)");
        }
        return set.get().get(set.get().ids().get(0));
    }

    private static int count(String list) {
        return list.trim().split("\\s*,\\s*").length;
    }

    static Table summary(List<DenoisingEvaluation.Result> rs) {
        int n = rs.size();
        double[] level = new double[n];
        double[] sigma = new double[n];
        String[] method = new String[n];
        String[] detail = new String[n];
        double[] psnr = new double[n];
        double[] ssim = new double[n];
        double[] med = new double[n];
        double[] q1 = new double[n];
        double[] q3 = new double[n];
        double[] ssimMed = new double[n];
        for (int i = 0; i < n; i++) {
            DenoisingEvaluation.Result r = rs.get(i);
            level[i] = r.level();
            sigma[i] = r.sigma();
            method[i] = r.method();
            detail[i] = r.detail();
            psnr[i] = r.psnr();
            ssim[i] = r.ssim();
            double[] sp = r.slicePsnr().clone();
            Arrays.sort(sp);
            med[i] = quantile(sp, 0.5);
            q1[i] = quantile(sp, 0.25);
            q3[i] = quantile(sp, 0.75);
            double[] ss = r.sliceSsim().clone();
            Arrays.sort(ss);
            ssimMed[i] = quantile(ss, 0.5);
        }
        return Table.of(new NumericColumn("level", level), new NumericColumn("sigma", sigma), new TextColumn("method", method),
                new TextColumn("setting", detail), new NumericColumn("psnr_db", psnr), new NumericColumn("ssim", ssim),
                new NumericColumn("slice_psnr_median", med), new NumericColumn("slice_psnr_q1", q1), new NumericColumn("slice_psnr_q3", q3),
                new NumericColumn("slice_ssim_median", ssimMed));
    }

    // numpy's default (linear) quantile of sorted values
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static Table slices(List<DenoisingEvaluation.Result> rs, int z) {
        int n = rs.size() * z;
        double[] level = new double[n];
        String[] method = new String[n];
        double[] slice = new double[n];
        double[] psnr = new double[n];
        double[] ssim = new double[n];
        int k = 0;
        for (DenoisingEvaluation.Result r : rs) {
            for (int s = 0; s < z; s++, k++) {
                level[k] = r.level();
                method[k] = r.method();
                slice[k] = s;
                psnr[k] = r.slicePsnr()[s];
                ssim[k] = r.sliceSsim()[s];
            }
        }
        return Table.of(new NumericColumn("level", level), new TextColumn("method", method), new NumericColumn("slice", slice),
                new NumericColumn("psnr_db", psnr), new NumericColumn("ssim", ssim));
    }

    private static Report report(List<DenoisingEvaluation.Result> rs, Table summary, float[] clean, int[] dims, DenoisingEvaluation.Settings s) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s noise at levels %s of the clean range %.4g, seed %d. "
                + "Gaussian smoothing is shown at its best sigma by PSNR (an oracle choice); every method knows the true sigma.",
                s.noise(), Arrays.toString(s.levels()), AddedNoise.range(clean), s.seed()));
        for (double level : s.levels()) {
            DenoisingEvaluation.Result g = find(rs, level, "gaussian");
            DenoisingEvaluation.Result d = find(rs, level, "diffusion");
            if (g != null && d != null) {
                text.append(String.format(Locale.ROOT, "%nAt level %.3g the diffusion denoiser's PSNR is %+.2f dB and its SSIM %+.4f against the best Gaussian smoothing.",
                        level, d.psnr() - g.psnr(), d.ssim() - g.ssim()));
            }
        }
        Report report = Report.empty().withText("Denoisers compared", text.toString())
                .withMetrics("Denoisers: PSNR and SSIM", "denoisers_summary", summary);
        Chart chart = new Chart("PSNR per axial slice", "noise level (methods side by side)", "PSNR (dB)");
        List<String> methods = new ArrayList<>(DenoisingEvaluation.METHODS);
        for (int m = 0; m < methods.size(); m++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (DenoisingEvaluation.Result r : rs) {
                if (r.method().equals(methods.get(m))) {
                    for (double v : r.slicePsnr()) {
                        if (Double.isFinite(v)) {
                            xs.add(r.level() * (1 + 0.06 * (m - 1.5)));
                            ys.add(v);
                        }
                    }
                }
            }
            if (!xs.isEmpty()) {
                chart.points(methods.get(m), xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        report = report.withFigure("Per-slice PSNR", "denoisers_slice_psnr", "Each point is one axial slice", chart.toPng());
        int z = dims[2] / 2;
        int plane = dims[0] * dims[1];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : clean) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        int columns = 1 + (int) rs.stream().map(DenoisingEvaluation.Result::method).distinct().count();
        ImageGrid grid = new ImageGrid(columns, lo, hi);
        for (double level : s.levels()) {
            grid.add(String.format(Locale.ROOT, "clean (noise %.3g)", level), Arrays.copyOfRange(clean, z * plane, (z + 1) * plane), dims[0], dims[1]);
            for (DenoisingEvaluation.Result r : rs) {
                if (r.level() == level) {
                    grid.add(String.format(Locale.ROOT, "%s %.1f dB", SHORT.get(r.method()), r.psnr()),
                            Arrays.copyOfRange(r.output(), z * plane, (z + 1) * plane), dims[0], dims[1]);
                }
            }
        }
        return report.withFigure("Side by side", "denoisers_side_by_side", "Axial slice " + z + ": clean, noisy, Gaussian, non-local means, diffusion; "
                + "one row per noise level", grid.toPng());
    }

    private static DenoisingEvaluation.Result find(List<DenoisingEvaluation.Result> rs, double level, String method) {
        return rs.stream().filter(r -> r.level() == level && r.method().equals(method)).findFirst().orElse(null);
    }
}
