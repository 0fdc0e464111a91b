package org.gyrus.learn.nodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FittedBy;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Predictions;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.learn.NetworkTraining;
import org.gyrus.learn.ClassWeights;
import org.gyrus.learn.CnnClassifier;
import org.gyrus.learn.CrossValidation;
import org.gyrus.learn.Folds;
import org.gyrus.learn.Labels;
import org.gyrus.learn.LeakCheck;
import org.gyrus.learn.LogisticRegression;
import org.gyrus.learn.MlpClassifier;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** Cross-validates a classifier: out-of-fold predictions, with subjects never split across folds. */
@Component(service = NodeType.class)
public final class CrossValidateNode implements NodeType {

    static final String ID = "org.gyrus.learn.cross-validate";
    static final String FOLD = "fold";

    /** Parameters. */
    public static final class Parameters {
        /** Learner. */
        @Parameter(label = "Learner", description = "The classifier fitted in each fold", choices = {"logistic-regression", "mlp-classifier",
                "cnn-classifier"})
        public String learner = "logistic-regression";
        /** k. */
        @Parameter(label = "Folds", description = "The number of folds", min = "2", max = "1000")
        public int folds = 5;
        /** Mode. */
        @Parameter(label = "Folds made", description = "auto: grouped when the subject column has a subject with several rows, else "
                + "stratified; kfold (KFold), stratified (StratifiedKFold), grouped (GroupKFold: each subject whole in one fold)",
                choices = {"auto", "kfold", "stratified", "grouped"})
        public String mode = "auto";
        /** Shuffle. */
        @Parameter(label = "Shuffle", description = "Shuffle rows before k-fold or stratified folds (grouped folds are not random)")
        public boolean shuffle = true;
        /** Random state. */
        @Parameter(label = "Random state", description = "scikit-learn's random_state of the shuffle (same folds as scikit-learn); -1: "
                + "from the node seed", min = "-1", max = "2147483647")
        public int randomState = -1;
        /** Subject column. */
        @Parameter(label = "Subject column", description = "The column naming each row's subject, in 'table' or 'labels'; its subjects "
                + "are never split across folds. Empty: rows are taken as distinct subjects", required = false)
        public String subjectColumn = "subject";
        /** Standardise in folds. */
        @Parameter(label = "Standardise within folds", description = "Fit a standard scaler on each fold's training rows only, and apply it to the fold")
        public boolean standardize = true;
        /** Accept pre-scaled data. */
        @Parameter(label = "Accept pre-scaled features", description = "Run even when the features look scaled on all rows (a leak); "
                + "for scalings that use no statistics of the rows")
        public boolean acceptScaled = false;
        /** C. */
        @Parameter(label = "C (logistic regression)", description = "Inverse regularisation strength", min = "0.000000000001", max = "1000000000000")
        public double c = 1.0;
        /** Penalty. */
        @Parameter(label = "Penalty (logistic regression)", description = "l2 or none", choices = {"l2", "none"})
        public String penalty = "l2";
        /** Class weights. */
        @Parameter(label = "Class weights (logistic regression)", description = "none, balanced, or e.g. 'benign=1, malignant=3'", required = false)
        public String classWeight = "none";
        /** Iterations. */
        @Parameter(label = "Maximum iterations (logistic regression)", description = "L-BFGS iterations per fold", min = "1", max = "1000000")
        public int maxIter = 100;
        /** Hidden layers. */
        @Parameter(label = "Hidden layers (MLP)", description = "Units per hidden layer, comma-separated")
        public String hidden = "100";
        /** CNN channels. */
        @Parameter(label = "Convolution channels (CNN)", description = "Output channels of each convolution block, comma-separated")
        public String channels = "8, 16";
        /** CNN dense units. */
        @Parameter(label = "Dense units (CNN)", description = "Units of the dense layer before the output", min = "1", max = "100000")
        public int denseUnits = 32;
        /** CNN sample shape. */
        @Parameter(label = "Sample shape (CNN)", description = "Channels first, e.g. '1, 8, 8'; empty: the feature matrix's own",
                required = false)
        public String sampleShape = "";
        /** Learning rate. */
        @Parameter(label = "Learning rate (MLP, CNN)", description = "Adam's learning rate", min = "0.0000001", max = "1")
        public double learningRate = 0.001;
        /** Epochs. */
        @Parameter(label = "Maximum epochs (MLP, CNN)", description = "The most passes over a fold's training rows", min = "1", max = "100000")
        public int epochs = 200;
        /** Batch size. */
        @Parameter(label = "Batch size (MLP, CNN)", description = "Samples per step", min = "1", max = "1000000")
        public int batchSize = 200;
        /** Patience. */
        @Parameter(label = "Patience (MLP, CNN)", description = "Epochs without a better validation loss before stopping (10 % of a fold's "
                + "training rows are held out)", min = "1", max = "10000")
        public int patience = 10;
    }

    private static final NodeDescriptor DESCRIPTOR = Samples.inputs(NodeDescriptor.builder(ID, "1.0.0")
                    .name("Cross-validate classifier")
                    .category(NodeSupport.CATEGORY)
                    .documentation("""
                            k-fold cross-validation of a classifier (logistic regression, MLP, or the CNN on images: \
                            a feature matrix whose rows have a sample shape): each fold's rows are \
                            predicted by a model fitted on the other folds only, giving one out-of-fold predictions table \
                            (docs/predictions-table.md) with a 'fold' column, for the evaluation node (pooled metrics, and \
                            per-fold mean ± sd). Folds as scikit-learn 1.2's KFold, StratifiedKFold and GroupKFold, \
                            the same folds for the same random state. Leakage is refused by construction: when the data \
                            carry the subject column, a subject is never in two folds (a subject with several rows and \
                            folds by row is an error, 'auto' groups), and the subject column travels into the predictions \
                            so the evaluation bootstrap resamples subjects; standardisation is fitted inside each fold; \
                            a table shaped by a preprocessing model fitted on rows of several folds (fitted before the \
                            split) is refused, naming the model; features that look scaled on all rows beforehand (from \
                            a file, or a feature matrix) are refused with the reason."""), Samples.LABELS_HELP)
            .output("predictions", Table.class, "Out-of-fold predictions of every row, with its 'fold'")
            .output("folds", Table.class, "Each row's id, subject (when known) and fold")
            .output("report", Report.class, "How the folds were made, what was checked, and the rows per fold")
            .parameters(Parameters.class)
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void execute(NodeContext context) {
        Parameters p = context.parameters(Parameters.class);
        Samples s = Samples.read(context);
        NodeSupport.requireFinite(s);
        Labels labels = Labels.of(s.requireLabel(), null, r -> s.ids().get(r));
        if (labels.classes().size() < 2) {
            throw new IllegalArgumentException("A classifier needs samples of at least two classes; the label '" + s.label().name()
                    + "' has only " + labels.classes());
        }
        String subjectName = p.subjectColumn == null ? "" : p.subjectColumn.strip();
        Optional<Column> subjectColumn = subjectName.isEmpty() ? Optional.empty() : s.column(context, subjectName);
        List<String> subjects = subjectColumn.map(c -> subjects(c, s.ids())).orElse(null);
        String repeated = subjects == null ? null : firstRepeated(subjects);
        String mode = p.mode;
        if (mode.equals("grouped") && subjects == null) {
            throw new IllegalArgumentException("Grouped folds need the subject column '" + subjectName + "', which the data do not have; "
                    + "name it in 'Subject column'");
        }
        if ((mode.equals("kfold") || mode.equals("stratified")) && repeated != null) {
            throw new IllegalArgumentException("Folds by row would split subjects: subject '" + repeated + "' has several rows (column '"
                    + subjectName + "'), which would then be both in training and test folds (a leak). Use 'grouped' or 'auto' folds");
        }
        if (mode.equals("auto")) {
            mode = repeated != null ? "grouped" : "stratified";
        }
        if (!p.acceptScaled) {
            LeakCheck.scaledOnAllRows(s.x(), s.n(), s.p(), s.features()).ifPresent(reason -> {
                throw new IllegalArgumentException("Cross-validation refused: " + reason + ". Connect the features before scaling (this "
                        + "node standardises within each fold), or set 'Accept pre-scaled features' if the scaling used no statistics of the rows");
            });
        }
        long seed = p.randomState >= 0 ? p.randomState : context.seed() & 0xffffffffL;
        List<String> classOfRow = Arrays.stream(labels.codes()).mapToObj(labels.classes()::get).toList();
        int[] fold = switch (mode) {
            case "kfold" -> Folds.kFold(s.n(), p.folds, p.shuffle, seed);
            case "stratified" -> Folds.stratified(classOfRow, p.folds, p.shuffle, seed);
            case "grouped" -> Folds.grouped(subjects, subjectColumn.get() instanceof NumericColumn
                    ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder(), p.folds);
            default -> throw new IllegalArgumentException("Unknown fold mode '" + p.mode + "'");
        };
        if (subjects != null) {
            requireSubjectsWhole(subjects, fold);
        }
        Optional<Table> table = context.optionalInput("table", Table.class);
        if (table.isPresent()) {
            refuseFittedAcrossFolds(table.get(), s.ids(), fold);
        }
        CrossValidation.Learner learner = learner(p, context, s);
        double[][] proba = CrossValidation.outOfFold(s.x(), s.n(), s.p(), labels, s.features(), fold, p.folds, p.standardize, learner, () -> {
            context.checkCancelled();
            return false;
        });
        double[] f = Arrays.stream(fold).asDoubleStream().toArray();
        List<Column> extra = new ArrayList<>(NodeSupport.extra(s).stream().filter(c -> !c.name().equals(FOLD)).toList());
        if (subjectColumn.isPresent() && extra.stream().noneMatch(c -> c.name().equals(subjectName)) && !subjectName.equals("id")) {
            extra.add(subjectColumn.get().withRole(ColumnRole.GROUP));
        }
        extra.add(NumericColumn.wrap(FOLD, ColumnRole.GROUP, f));
        Table predictions = Predictions.table(NodeSupport.ids(s), s.label(), labels.classes(), proba, extra);
        Table folds = Table.of(NodeSupport.ids(s));
        if (subjectColumn.isPresent() && !subjectName.equals("id")) {
            folds = folds.with(subjectColumn.get().withRole(ColumnRole.GROUP));
        }
        folds = folds.with(NumericColumn.wrap(FOLD, ColumnRole.GROUP, f));
        context.output("predictions", predictions);
        context.output("folds", folds);
        context.output("report", report(p, mode, seed, subjects, subjectName, repeated, fold, labels));
        context.progress(1);
    }

    /** The fixed L2 (1e-4) and validation fraction (0.1) are the fit nodes' defaults. */
    private static NetworkTraining training(Parameters p, NodeContext context) {
        return new NetworkTraining(p.learningRate, 0.0001, p.epochs, p.batchSize, 0.1, p.patience, context.seed());
    }

    private static CrossValidation.Learner learner(Parameters p, NodeContext context, Samples s) {
        if (p.learner.equals("cnn-classifier")) {
            int[] shape = sampleShape(p, context, s);
            CnnClassifier cnn = new CnnClassifier(MlpClassifierNode.hiddenLayers(p.channels), p.denseUnits, training(p, context));
            return (train, nTrain, labels, test, nTest, q, features) -> cnn.fit(floats(train), nTrain, shape, labels, features, () -> {
                context.checkCancelled();
                return false;
            }).predictProba(floats(test), nTest);
        }
        if (p.learner.equals("mlp-classifier")) {
            int[] hidden = MlpClassifierNode.hiddenLayers(p.hidden);
            MlpClassifier mlp = new MlpClassifier(hidden, training(p, context));
            return (train, nTrain, labels, test, nTest, q, features) -> mlp.fit(floats(train), nTrain, q, labels, features, () -> {
                context.checkCancelled();
                return false;
            }).predictProba(floats(test), nTest);
        }
        LogisticRegression lr = LogisticRegression.defaults()
                .penalty(p.penalty.equals("none") ? LogisticRegression.Penalty.NONE : LogisticRegression.Penalty.L2)
                .c(p.c).classWeights(ClassWeights.parse(p.classWeight)).maxIter(p.maxIter);
        return (train, nTrain, labels, test, nTest, q, features) -> lr.fit(train, nTrain, q, labels, features, () -> {
            context.checkCancelled();
            return false;
        }).predictProba(test, nTest);
    }

    /** The CNN's sample shape: the parameter, else the feature matrix's own; it must hold each row's features. */
    private static int[] sampleShape(Parameters p, NodeContext context, Samples s) {
        int[] shape;
        if (p.sampleShape != null && !p.sampleShape.isBlank()) {
            shape = CnnClassifierNode.shape(p.sampleShape);
        } else {
            Optional<FeatureMatrix> m = context.optionalInput("features", FeatureMatrix.class);
            if (m.isEmpty() || !m.get().hasSampleShape()) {
                throw new IllegalArgumentException("The CNN classifier needs images: connect a feature matrix whose rows have a sample "
                        + "shape to 'features', or give 'Sample shape (CNN)' (e.g. '1, 8, 8')");
            }
            shape = m.get().sampleShape();
        }
        if (Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) != s.p()) {
            throw new IllegalArgumentException("Sample shape " + Arrays.toString(shape) + " does not hold the " + s.p()
                    + " features of each row");
        }
        return shape;
    }

    private static float[] floats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private static List<String> subjects(Column c, List<String> ids) {
        List<String> out = new ArrayList<>(c.size());
        for (int i = 0; i < c.size(); i++) {
            String v = c.format(i);
            if (v == null) {
                throw new IllegalArgumentException("The subject column '" + c.name() + "' is missing for sample '" + ids.get(i)
                        + "': every row needs its subject, or its rows could land in two folds");
            }
            out.add(v);
        }
        return out;
    }

    private static String firstRepeated(List<String> subjects) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String v : subjects) {
            if (!seen.add(v)) {
                return v;
            }
        }
        return null;
    }

    /** A check of the construction: no subject has rows in two folds. */
    static void requireSubjectsWhole(List<String> subjects, int[] fold) {
        Map<String, Integer> foldOf = new HashMap<>();
        for (int i = 0; i < fold.length; i++) {
            Integer before = foldOf.putIfAbsent(subjects.get(i), fold[i]);
            if (before != null && before != fold[i]) {
                throw new IllegalStateException("Subject '" + subjects.get(i) + "' is in folds " + before + " and " + fold[i]);
            }
        }
    }

    /**
     * Refuses features shaped by a fitted model (an imputer, encoder, scaler, selector: {@link Table#fittedBy()})
     * that was fitted on rows of more than one fold, i.e. before the split: every fold's model would
     * then train on features computed with statistics of its held-out rows.
     */
    static void refuseFittedAcrossFolds(Table t, List<String> ids, int[] fold) {
        for (FittedBy f : t.fittedBy()) {
            int first = -1;
            for (int r : f.rows().overlap(t)) {
                if (first < 0) {
                    first = r;
                } else if (fold[r] != fold[first]) {
                    long folds = Arrays.stream(f.rows().overlap(t)).map(i -> fold[i]).distinct().count();
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "Cross-validation refused: the features were shaped by "
                            + "%s, which was fitted on rows of %d of the folds (e.g. '%s' in fold %d and '%s' in fold %d), i.e. before "
                            + "the split, so each fold's model trains on features computed with statistics of its held-out rows (a leak). "
                            + "Connect the features before that model (this node can standardise within each fold), or fit the model on "
                            + "rows outside the cross-validation", f.model(), folds, ids.get(first), fold[first], ids.get(r), fold[r]));
                }
            }
        }
    }

    private static Report report(Parameters p, String mode, long seed, List<String> subjects, String subjectName, String repeated,
                                 int[] fold, Labels labels) {
        String how = switch (mode) {
            case "kfold" -> "KFold" + (p.shuffle ? " (shuffled, random_state " + seed + ")" : "");
            case "stratified" -> "StratifiedKFold" + (p.shuffle ? " (shuffled, random_state " + seed + ")" : "");
            default -> "GroupKFold by '" + subjectName + "'";
        };
        String subjectText = subjects == null
                ? "The data name no subject column" + (subjectName.isEmpty() ? "" : " ('" + subjectName + "' not found")
                + "): rows are taken as distinct subjects."
                : repeated != null
                ? "Subjects have several rows (e.g. '" + repeated + "'): every subject is whole in one fold (checked), and the "
                + "'" + subjectName + "' column is in the predictions, so the evaluation resamples subjects."
                : "Each subject has one row (column '" + subjectName + "'), so no subject can be in two folds.";
        String text = String.format(Locale.ROOT, "%d-fold cross-validation of %s, folds made as scikit-learn's %s. %s %s Every row is "
                        + "predicted by a model fitted without its fold.", p.folds, p.learner, how, subjectText,
                p.standardize ? "Features standardised within each fold (scaler fitted on its training rows only)."
                        : "No standardisation within folds.");
        int k = p.folds;
        int classes = labels.classes().size();
        double[] test = new double[k];
        double[][] perClass = new double[classes][k];
        for (int i = 0; i < fold.length; i++) {
            test[fold[i]]++;
            perClass[labels.codes()[i]][fold[i]]++;
        }
        double[] train = new double[k];
        double[] id = new double[k];
        for (int f = 0; f < k; f++) {
            train[f] = fold.length - test[f];
            id[f] = f;
        }
        List<Column> cols = new ArrayList<>();
        cols.add(NumericColumn.wrap(FOLD, ColumnRole.ID, id));
        cols.add(NumericColumn.wrap("test_rows", ColumnRole.FEATURE, test));
        cols.add(NumericColumn.wrap("training_rows", ColumnRole.FEATURE, train));
        for (int c = 0; c < classes; c++) {
            cols.add(NumericColumn.wrap("test_" + labels.classes().get(c), ColumnRole.FEATURE, perClass[c]));
        }
        return Report.empty().withText("Cross-validation", text).withMetrics("Rows per fold", "cv_folds", new Table(cols));
    }
}
