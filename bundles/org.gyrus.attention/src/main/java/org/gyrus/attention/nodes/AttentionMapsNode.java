package org.gyrus.attention.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gyrus.attention.AttentionMaps;
import org.gyrus.attention.Figures;
import org.gyrus.attention.ImageLayout;
import org.gyrus.attention.TransformerModel;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** What a trained transformer attends to: per-sample [CLS] attention per layer and head, attention rollout, token attributions. */
@Component(service = NodeType.class)
public final class AttentionMapsNode implements NodeType {

    /** Parameters. */
    public static final class Parameters {
        /** Images in the overlay figure. */
        @Parameter(label = "Images shown", description = "Images: how many samples the overlay figure shows (the first ones)", min = "1", max = "60")
        public int shown = 12;
    }

    private static final NodeDescriptor DESCRIPTOR = Inputs.declare(NodeDescriptor.builder("org.gyrus.attention.attention-maps", "1.0.0")
                    .name("Attention maps")
                    .category(NodeSupport.CATEGORY)
                    .documentation("""
                            What a transformer trained by 'Transformer (fit)' attends to, per sample: the attention of the \
                            [CLS] token to every token in each layer and head, and the attention rollout of Abnar and Zuidema \
                            (2020): per layer the heads' mean attention mixed half and half with the identity (the residual \
                            path), multiplied through the layers; the [CLS] row says how much of the final [CLS] \
                            representation flows from each token. The attribution table averages the rollout over the samples \
                            and ranks the tokens (for a table, its feature columns). The report has a bar chart of the \
                            attributions and, for images, the first images with their rollout laid over them in red. For \
                            volumes, 'Attention volume map' puts the rollout back into the mask's world space.""")
                    .input("model", ModelArtifact.class, "A transformer trained by 'Transformer (fit)'"))
            .output("attention", Table.class, "Per sample, layer and head the [CLS]-to-token attention (one column per token); "
                    + "then per sample the rollout (layer 'rollout', head 'mean')")
            .output("attribution", Table.class, "Per token: mean rollout over the samples, its share, its rank")
            .output("report", Report.class, "Bar chart of the attributions; image overlays for images")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        TransformerModel model = TransformerModel.fromArtifact(context.input("model", ModelArtifact.class));
        Inputs in = Inputs.read(context, model.layout(), 0);
        AttentionMaps maps = AttentionMaps.of(model, in.x());
        context.output("attention", maps.table(in.ids()));
        context.output("attribution", maps.attribution());
        context.output("report", report(model, maps, in, p.shown));
        context.progress(1);
    }

    static Report report(TransformerModel model, AttentionMaps maps, Inputs in, int shown) {
        String what = switch (model.layout().kind()) {
            case "table" -> "feature";
            case "image" -> "patch";
            default -> "patch";
        };
        Report r = Report.empty().withText("Attention maps", String.format(Locale.ROOT,
                "%d samples, %d layers × %d heads, %d tokens (%ss) + [CLS]. Attribution = attention rollout of [CLS] averaged over the "
                        + "samples (Abnar & Zuidema 2020); the most attended %s is %s.", maps.samples(), maps.layers(), maps.heads(),
                maps.tokens().size(), what, what, top(maps)));
        r = r.withFigure("Attention attribution", "attention_attribution", "Mean attention rollout of [CLS] per " + what,
                Figures.barChart("Attention rollout per " + what + " (mean over " + maps.samples() + " samples)", maps.tokens(),
                        maps.meanRollout(), "mean rollout of [CLS] (share of the [CLS] representation)"));
        if (model.layout() instanceof ImageLayout image && in.images() != null) {
            int k = Math.min(shown, maps.samples());
            int plane = image.height() * image.width();
            List<float[]> images = new ArrayList<>();
            List<double[]> att = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            for (int s = 0; s < k; s++) {
                float[] px = new float[plane];
                System.arraycopy(in.images(), s * plane, px, 0, plane);
                images.add(px);
                att.add(maps.rollout()[s]);
                captions.add(in.ids().get(s));
            }
            r = r.withFigure("Attention overlays", "attention_overlays", "The first images with their attention rollout in red",
                    Figures.overlays("Attention rollout over the images", images, att, captions, image.height(), image.width(), image.patch()));
        }
        return r;
    }

    private static String top(AttentionMaps maps) {
        double[] m = maps.meanRollout();
        int best = 0;
        for (int j = 1; j < m.length; j++) {
            if (m[j] > m[best]) {
                best = j;
            }
        }
        return String.format(Locale.ROOT, "'%s' (%.4f)", maps.tokens().get(best), m[best]);
    }
}
