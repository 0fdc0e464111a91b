package org.gyrus.adversarial.nodes;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.gyrus.adversarial.AdversarialTraining;
import org.gyrus.adversarial.Classifier;
import org.gyrus.adversarial.Fgsm;
import org.gyrus.adversarial.Norm;
import org.gyrus.adversarial.Pgd;
import org.gyrus.adversarial.Proportion;
import org.gyrus.data.Chart;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.nn.io.Json;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/**
 * Adversarial training (PGD-AT, or fast FGSM with a random start) of any network artifact: a new
 * network artifact of the same architecture, and a report comparing the original and the trained
 * network's clean and robust accuracy side by side on held-out samples.
 */
@Component(service = NodeType.class)
public final class AdversarialTrainingNode implements NodeType {

    static final String ID = "org.gyrus.adversarial.adversarial-training";

    /** Parameters. */
    public static final class Parameters extends DataParameters {
        /** Method. */
        @Parameter(label = "Method", description = "pgd: PGD from a random start (Madry et al. 2018); fgsm-rs: one FGSM step from a random start, the fast method of Wong, Rice & Kolter 2020", choices = {"pgd", "fgsm-rs"})
        public String method = "pgd";
        /** ε. */
        @Parameter(label = "Epsilon", description = "Radius of the ball the training examples are drawn in (data units)", min = "0")
        public double epsilon = 0.1;
        /** Norm. */
        @Parameter(label = "Norm", description = "inf or 2", choices = {"inf", "2"})
        public String norm = "inf";
        /** Steps. */
        @Parameter(label = "PGD steps", description = "Steps of the training attack (pgd; fgsm-rs takes one)", min = "1", max = "1000")
        public int steps = 7;
        /** Step size. */
        @Parameter(label = "Step size", description = "Step of the training attack; 0: 2.5 ε / steps for pgd, 1.25 ε for fgsm-rs (as the papers)", min = "0")
        public double stepSize = 0;
        /** Start. */
        @Parameter(label = "Start from", description = "trained: fine-tune the given weights; fresh: new weights by PyTorch's default rule (seeded), as Madry et al. train", choices = {"trained", "fresh"})
        public String start = "trained";
        /** Epochs. */
        @Parameter(label = "Epochs", description = "Passes over the training samples", min = "1", max = "100000")
        public int epochs = 10;
        /** Batch size. */
        @Parameter(label = "Batch size", description = "Samples per step", min = "1", max = "100000")
        public int batchSize = 32;
        /** Learning rate. */
        @Parameter(label = "Learning rate", description = "Adam's learning rate", min = "0.0000001", max = "1")
        public double learningRate = 0.001;
        /** Weight decay. */
        @Parameter(label = "Weight decay", description = "Adam's weight decay", min = "0", max = "10")
        public double weightDecay = 0;
        /** Holdout. */
        @Parameter(label = "Held-out fraction", description = "Samples (seeded) kept out of training to compare the two networks on; 0: compare on the training samples", min = "0", max = "0.9")
        public double holdout = 0.2;
        /** Evaluation steps. */
        @Parameter(label = "Evaluation PGD steps", description = "Steps of the PGD attack (2.5 ε / steps each, random start) that measures robust accuracy", min = "1", max = "1000")
        public int evaluationSteps = 10;
        /** Confidence. */
        @Parameter(label = "Confidence level", description = "Of the Wilson intervals of the accuracies", min = "0.5", max = "0.999")
        public double confidence = 0.95;
    }

    private static final NodeDescriptor DESCRIPTOR = AttackData.inputs(NodeDescriptor.builder(ID, "1.0.0")
            .name("Adversarial training")
            .category("Adversarial")
            .documentation("""
                    Trains a network on adversarial examples (Madry et al. 2018): each mini-batch is replaced by PGD \
                    examples (from a random start in the ε-ball) or, with fgsm-rs, by one FGSM step of 1.25 ε from a random \
                    start (Wong, Rice & Kolter 2020, "Fast is better than free") against the network as it is at that step, \
                    and Adam descends their cross-entropy. Starts from the given weights or from fresh ones; the network's \
                    architecture and metadata (classes, features) carry over to the new network artifact. A seeded share \
                    of the samples is held out; the report compares the original and the trained network on it: clean \
                    accuracy, FGSM and PGD accuracy at ε, with Wilson intervals, and the training curve. """
                    + AttackData.INPUTS_DOC + " The labels are required."))
            .output("model", ModelArtifact.class, "The adversarially trained network (same architecture and metadata)")
            .output("report", Report.class, "Original versus trained: clean and robust accuracy; the training curve")
            .output("comparison", Table.class, "Per network: clean, FGSM and PGD accuracy on the held-out samples, with intervals")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        AttackData data = AttackData.read(context, "adversarial training", p);
        data.requireLabels();
        Norm norm = Attacks.checked(data, () -> Norm.parse(p.norm));
        boolean fast = p.method.equals("fgsm-rs");
        int steps = fast ? 1 : p.steps;
        float eps = (float) p.epsilon;
        float step = (float) (p.stepSize > 0 ? p.stepSize : fast ? 1.25 * p.epsilon : 2.5 * p.epsilon / steps);
        AdversarialTraining training = Attacks.checked(data, () -> new AdversarialTraining(fast ? AdversarialTraining.Method.FGSM_RANDOM_START
                : AdversarialTraining.Method.PGD, eps, norm, step, steps, p.epochs, p.batchSize, p.learningRate, p.weightDecay, data.min,
                data.max, context.seed()));

        int n = data.ids.size();
        int size = data.classifier.sampleSize();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        Random random = new Random(context.seed());
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int held = (int) Math.round(n * p.holdout);
        if (n - held < 1) {
            throw new IllegalArgumentException(data.node + ": parameter 'holdout' = " + p.holdout + " leaves no sample of " + n + " to train on");
        }
        int[] trainRows = held == 0 ? order : Arrays.copyOfRange(order, held, n);
        int[] testRows = held == 0 ? order : Arrays.copyOfRange(order, 0, held);
        Arrays.sort(trainRows);
        Arrays.sort(testRows);

        Object description = data.model.metadata().get(NetworkFile.ARTIFACT_ENTRY);
        Module network = p.start.equals("fresh") ? NetworkFile.build(Json.write(description))
                : NetworkFile.rebuild(description, data.model.tensors());
        if (p.start.equals("fresh")) {
            AdversarialTraining.reinitialise(network, new Random(context.seed() ^ 0x5DEECE66DL));
        }
        int[] shape = data.classifier.sampleShape();
        List<Double> losses = Attacks.checked(data, () -> training.train(network, data.classifier.classes(), shape,
                rows(data.samples, trainRows, size), rows(data.labels, trainRows), epoch -> {
                    context.checkCancelled();
                    context.progress(0.9 * epoch / p.epochs);
                }));
        Classifier trained = new Classifier(network, shape);

        float[] xt = rows(data.samples, testRows, size);
        int[] yt = rows(data.labels, testRows);
        Pgd pgd = new Pgd(eps, (float) (2.5 * p.epsilon / p.evaluationSteps), p.evaluationSteps, norm, false, true, 1, data.min, data.max,
                context.seed());
        Fgsm fgsm = new Fgsm(eps, norm, false, data.min, data.max);
        Rows rows = new Rows("$network", "samples", "clean_accuracy", "clean_low", "clean_high", "fgsm_accuracy", "fgsm_low", "fgsm_high",
                "pgd_accuracy", "pgd_low", "pgd_high");
        double[][] acc = new double[2][];
        Classifier[] networks = {data.classifier, trained};
        String[] names = {"original", "adversarially trained"};
        for (int k = 0; k < 2; k++) {
            Classifier c = networks[k];
            Proportion clean = accuracy(c.predict(xt), yt);
            Proportion f = accuracy(fgsm.attack(c, xt, yt).adversarialClass(), yt);
            Proportion g = accuracy(pgd.attack(c, xt, yt).adversarialClass(), yt);
            double[] ci = clean.wilson(p.confidence);
            double[] fi = f.wilson(p.confidence);
            double[] gi = g.wilson(p.confidence);
            rows.add(names[k], yt.length, clean.rate(), ci[0], ci[1], f.rate(), fi[0], fi[1], g.rate(), gi[0], gi[1]);
            acc[k] = new double[] {clean.rate(), f.rate(), g.rate()};
        }
        Table comparison = rows.table();

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("method", p.method);
        settings.put("epsilon", p.epsilon);
        settings.put("norm", p.norm);
        settings.put("steps", steps);
        settings.put("step_size", (double) step);
        settings.put("start", p.start);
        settings.put("epochs", p.epochs);
        settings.put("batch_size", p.batchSize);
        settings.put("learning_rate", p.learningRate);
        settings.put("range", List.of((double) data.min, (double) data.max));
        settings.put("loss", losses);
        ModelArtifact.Builder b = ModelArtifact.builder(NetworkFile.ARTIFACT_KIND).schema(data.model.schema());
        data.model.metadata().forEach(b::metadata);
        b.metadata(NetworkFile.ARTIFACT_ENTRY, NetworkFile.describeAsObject(network))
                .metadata("trained_by", ID)
                .metadata("adversarial_training", settings);
        if (data.model.metadata().get("trained_by") != null) {
            b.metadata("adversarial_training_of", data.model.metadata().get("trained_by"));
        }
        network.stateDict().forEach(b::tensor);
        context.output("model", b.build());
        context.output("comparison", comparison);

        double[] epochs = new double[losses.size()];
        double[] loss = new double[losses.size()];
        for (int e = 0; e < epochs.length; e++) {
            epochs[e] = e + 1;
            loss[e] = losses.get(e);
        }
        String text = String.format(Locale.ROOT, "%s, ε = %s (%s), %d step(s) of %s, from %s weights; %d epochs of batches of %d, Adam "
                + "learning rate %s, on %d samples. Compared on %s (%d samples): clean accuracy %.3f → %.3f (a cost of %.3f); FGSM accuracy "
                + "%.3f → %.3f; PGD-%d accuracy %.3f → %.3f (a gain of %.3f).",
                fast ? "Fast adversarial training (FGSM from a random start)" : "PGD adversarial training", Attacks.g(p.epsilon),
                norm == Norm.INF ? "L∞" : "L2", steps, Attacks.g(step), p.start.equals("fresh") ? "fresh" : "the given", p.epochs, p.batchSize,
                Attacks.g(p.learningRate), trainRows.length, held == 0 ? "the training samples themselves (no hold-out)" : "held-out samples",
                yt.length, acc[0][0], acc[1][0], acc[0][0] - acc[1][0], acc[0][1], acc[1][1], p.evaluationSteps, acc[0][2], acc[1][2],
                acc[1][2] - acc[0][2]);
        context.output("report", Report.empty().withText("Adversarial training", text)
                .withMetrics("Original and adversarially trained network", "adversarial_training_comparison", comparison)
                .withFigure("Training curve", "adversarial_training_curve", "Mean cross-entropy on the adversarial batches per epoch",
                        new Chart("Adversarial training", "epoch", "cross-entropy on adversarial examples (nats)")
                                .line("training", epochs, loss)));
        context.progress(1);
    }

    private static Proportion accuracy(int[] predicted, int[] truth) {
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            right += predicted[i] == truth[i] ? 1 : 0;
        }
        return new Proportion(right, truth.length);
    }

    private static float[] rows(float[] x, int[] rows, int size) {
        float[] out = new float[rows.length * size];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * size, out, i * size, size);
        }
        return out;
    }

    private static int[] rows(int[] x, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x[rows[i]];
        }
        return out;
    }
}
