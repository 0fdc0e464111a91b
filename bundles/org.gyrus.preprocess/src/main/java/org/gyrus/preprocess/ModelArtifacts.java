package org.gyrus.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


import org.gyrus.data.ModelArtifact;
import org.gyrus.nn.io.TensorData;

/**
 * Converts the fitted models of this bundle to and from {@link ModelArtifact}s. Names, options and
 * categories go in the JSON metadata; every number goes in a float64 tensor, so that NaN and
 * infinite statistics survive (JSON has neither) and values round-trip bit for bit. The kind is
 * the id of the node type that fits the model.
 */
public final class ModelArtifacts {

    /** Kind of a {@link SimpleImputerModel}. */
    public static final String SIMPLE_IMPUTER = "org.gyrus.preprocess.simple-imputer";
    /** Kind of a {@link KnnImputerModel}. */
    public static final String KNN_IMPUTER = "org.gyrus.preprocess.knn-imputer";
    /** Kind of an {@link IterativeImputerModel}. */
    public static final String ITERATIVE_IMPUTER = "org.gyrus.preprocess.iterative-imputer";
    /** Kind of a {@link OneHotEncoderModel}. */
    public static final String ONE_HOT_ENCODER = "org.gyrus.preprocess.one-hot-encoder";
    /** Kind of an {@link OrdinalEncoderModel}. */
    public static final String ORDINAL_ENCODER = "org.gyrus.preprocess.ordinal-encoder";
    /** Kind of a {@link ScalerModel}. */
    public static final String SCALER = "org.gyrus.preprocess.scaler";
    /** Kind of a {@link VarianceThresholdModel}. */
    public static final String VARIANCE_THRESHOLD = "org.gyrus.preprocess.variance-threshold";

    /** Every kind of this bundle's models, which 'Apply preprocessing model' applies. */
    public static final List<String> KINDS = List.of(SIMPLE_IMPUTER, KNN_IMPUTER, ITERATIVE_IMPUTER, ONE_HOT_ENCODER,
            ORDINAL_ENCODER, SCALER, VARIANCE_THRESHOLD);

    /** The newest layout of these models that this code reads (and the one it writes). */
    public static final int SCHEMA = 1;

    private ModelArtifacts() {
    }

    /**
     * The artifact of a fitted model of this bundle.
     *
     * @throws IllegalArgumentException for a model of another kind
     */
    public static ModelArtifact toArtifact(TableTransform model) {
        if (model instanceof SimpleImputerModel m) {
            return simple(m);
        }
        if (model instanceof KnnImputerModel m) {
            return ModelArtifact.builder(KNN_IMPUTER).metadata("columns", m.columns()).metadata("neighbours", m.neighbours())
                    .metadata("weights", lower(m.weights())).metadata("keep_empty_features", m.keepEmptyFeatures())
                    .tensor("fit_rows", TensorData.ofDoubles(m.fitRows(), m.rows(), m.columns().size())).build();
        }
        if (model instanceof IterativeImputerModel m) {
            return iterative(m);
        }
        if (model instanceof OneHotEncoderModel m) {
            List<String> columns = new ArrayList<>();
            List<List<String>> categories = new ArrayList<>();
            List<List<Integer>> infrequent = new ArrayList<>();
            List<Integer> drop = new ArrayList<>();
            for (OneHotEncoderModel.Feature f : m.features()) {
                columns.add(f.column());
                categories.add(f.categories());
                infrequent.add(java.util.Arrays.stream(f.infrequent()).boxed().toList());
                drop.add(f.drop());
            }
            return ModelArtifact.builder(ONE_HOT_ENCODER).metadata("columns", columns).metadata("categories", categories)
                    .metadata("infrequent", infrequent).metadata("drop", drop).metadata("handle_unknown", lower(m.handleUnknown()))
                    .metadata("missing_label", m.missingLabel()).build();
        }
        if (model instanceof OrdinalEncoderModel m) {
            ModelArtifact.Builder b = ModelArtifact.builder(ORDINAL_ENCODER).metadata("columns", m.columns())
                    .metadata("categories", m.categories()).metadata("unknown_is_error", m.unknownValue() == null)
                    .tensor("unknown_value", scalar(m.unknownValue() == null ? Double.NaN : m.unknownValue()))
                    .tensor("encoded_missing_value", scalar(m.encodedMissingValue()));
            if (m.missingLabel() != null) {
                b.metadata("missing_label", m.missingLabel());
            }
            return b.build();
        }
        if (model instanceof ScalerModel m) {
            return ModelArtifact.builder(SCALER).metadata("scaler", m.kind()).metadata("form", m.form().name())
                    .metadata("columns", m.columns()).tensor("offset", vector(m.offset())).tensor("scale", vector(m.scale())).build();
        }
        if (model instanceof VarianceThresholdModel m) {
            boolean[] s = m.support();
            double[] support = new double[s.length];
            for (int j = 0; j < s.length; j++) {
                support[j] = s[j] ? 1 : 0;
            }
            return ModelArtifact.builder(VARIANCE_THRESHOLD).metadata("columns", m.columns())
                    .tensor("threshold", scalar(m.threshold())).tensor("variances", vector(m.variances()))
                    .tensor("support", vector(support)).build();
        }
        throw new IllegalArgumentException("No artifact form for " + model.getClass().getName());
    }

    /**
     * The fitted model stored in {@code a}.
     *
     * @throws IllegalArgumentException if the artifact is not one of this bundle's models, or is
     *     incomplete (the message names the kind and the missing entry)
     */
    public static TableTransform fromArtifact(ModelArtifact artifact) {
        return artifact.require(SCHEMA, "a fitted preprocessing model (imputer, encoder, scaler or variance threshold)", KINDS)
                .read(ModelArtifacts::decode);
    }

    private static TableTransform decode(ModelArtifact a) {
        switch (a.kind()) {
            case SIMPLE_IMPUTER -> {
                List<String> columns = a.strings("columns");
                List<?> categorical = a.get("categorical", List.class);
                List<?> categories = a.get("categories", List.class);
                List<?> hadMissing = a.get("had_missing", List.class);
                double[] stats = a.tensor("statistics").toDoubles();
                List<SimpleImputerModel.Fill> fills = new ArrayList<>();
                for (int j = 0; j < columns.size(); j++) {
                    Object cat = categories.get(j);
                    fills.add(new SimpleImputerModel.Fill(columns.get(j), (Boolean) categorical.get(j), stats[j],
                            cat == null ? null : cat.toString(), (Boolean) hadMissing.get(j)));
                }
                return SimpleImputerModel.of(SimpleImputer.Strategy.parse(a.get("strategy", String.class)), fills,
                        a.get("add_indicator", Boolean.class), a.get("keep_empty_features", Boolean.class));
            }
            case KNN_IMPUTER -> {
                TensorData rows = a.tensor("fit_rows");
                return KnnImputerModel.of(a.strings("columns"), rows.toDoubles(), (int) rows.shape()[0],
                        a.get("neighbours", Number.class).intValue(), KnnImputer.Weights.parse(a.get("weights", String.class)),
                        a.get("keep_empty_features", Boolean.class));
            }
            case ITERATIVE_IMPUTER -> {
                List<?> features = a.get("step_features", List.class);
                List<?> neighbours = a.get("step_neighbours", List.class);
                TensorData coef = a.tensor("step_coefficients");
                double[] c = coef.toDoubles();
                double[] intercepts = a.tensor("step_intercepts").toDoubles();
                int width = coef.shape().length > 1 ? (int) coef.shape()[1] : 0;
                List<IterativeImputerModel.Step> steps = new ArrayList<>();
                for (int s = 0; s < features.size(); s++) {
                    int[] nb = ((List<?>) neighbours.get(s)).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
                    steps.add(IterativeImputerModel.Step.of(((Number) features.get(s)).intValue(), nb,
                            java.util.Arrays.copyOfRange(c, s * width, s * width + nb.length), intercepts[s]));
                }
                double[] bounds = a.tensor("clip").toDoubles();
                return IterativeImputerModel.of(a.strings("columns"), a.tensor("means").toDoubles(), steps,
                        a.get("rounds", Number.class).intValue(), a.get("converged", Boolean.class), bounds[0], bounds[1]);
            }
            case ONE_HOT_ENCODER -> {
                List<String> columns = a.strings("columns");
                List<?> categories = a.get("categories", List.class);
                List<?> infrequent = a.get("infrequent", List.class);
                List<?> drop = a.get("drop", List.class);
                List<OneHotEncoderModel.Feature> features = new ArrayList<>();
                for (int j = 0; j < columns.size(); j++) {
                    List<String> cats = ((List<?>) categories.get(j)).stream().map(String::valueOf).toList();
                    int[] inf = ((List<?>) infrequent.get(j)).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
                    features.add(new OneHotEncoderModel.Feature(columns.get(j), cats, inf, ((Number) drop.get(j)).intValue()));
                }
                return OneHotEncoderModel.of(features, OneHotEncoder.HandleUnknown.parse(a.get("handle_unknown", String.class)),
                        a.get("missing_label", String.class));
            }
            case ORDINAL_ENCODER -> {
                List<List<String>> cats = new ArrayList<>();
                for (Object o : a.get("categories", List.class)) {
                    cats.add(((List<?>) o).stream().map(String::valueOf).toList());
                }
                Double unknown = a.get("unknown_is_error", Boolean.class) ? null : a.tensor("unknown_value").toDoubles()[0];
                Object label = a.metadata().get("missing_label");
                return OrdinalEncoderModel.of(a.strings("columns"), cats, unknown, label == null ? null : label.toString(),
                        a.tensor("encoded_missing_value").toDoubles()[0]);
            }
            case SCALER -> {
                return ScalerModel.of(a.get("scaler", String.class), ScalerModel.Form.valueOf(a.get("form", String.class)),
                        a.strings("columns"), a.tensor("offset").toDoubles(), a.tensor("scale").toDoubles());
            }
            case VARIANCE_THRESHOLD -> {
                double[] s = a.tensor("support").toDoubles();
                boolean[] support = new boolean[s.length];
                for (int j = 0; j < s.length; j++) {
                    support[j] = s[j] != 0;
                }
                return VarianceThresholdModel.of(a.tensor("threshold").toDoubles()[0], a.strings("columns"),
                        a.tensor("variances").toDoubles(), support);
            }
            default -> throw new IllegalArgumentException("A " + a.kind() + " model is not a preprocessing model; expected one of "
                    + KINDS);
        }
    }

    private static ModelArtifact simple(SimpleImputerModel m) {
        List<String> columns = new ArrayList<>();
        List<Boolean> categorical = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        List<Boolean> hadMissing = new ArrayList<>();
        for (SimpleImputerModel.Fill f : m.fills()) {
            columns.add(f.column());
            categorical.add(f.categorical());
            categories.add(f.category());
            hadMissing.add(f.hadMissing());
        }
        return ModelArtifact.builder(SIMPLE_IMPUTER).metadata("strategy", lower(m.strategy())).metadata("columns", columns)
                .metadata("categorical", categorical).metadata("categories", categories).metadata("had_missing", hadMissing)
                .metadata("add_indicator", m.addIndicator()).metadata("keep_empty_features", m.keepEmptyFeatures())
                .tensor("statistics", vector(m.statistics())).build();
    }

    private static ModelArtifact iterative(IterativeImputerModel m) {
        List<IterativeImputerModel.Step> steps = m.steps();
        int width = steps.stream().mapToInt(s -> s.neighbours().length).max().orElse(0);
        double[] coef = new double[steps.size() * width];
        double[] intercepts = new double[steps.size()];
        List<Integer> features = new ArrayList<>();
        List<List<Integer>> neighbours = new ArrayList<>();
        for (int s = 0; s < steps.size(); s++) {
            IterativeImputerModel.Step st = steps.get(s);
            System.arraycopy(st.coefficients(), 0, coef, s * width, st.neighbours().length);
            intercepts[s] = st.intercept();
            features.add(st.feature());
            neighbours.add(java.util.Arrays.stream(st.neighbours()).boxed().toList());
        }
        return ModelArtifact.builder(ITERATIVE_IMPUTER).metadata("columns", m.columns()).metadata("rounds", m.rounds())
                .metadata("converged", m.converged()).metadata("step_features", features).metadata("step_neighbours", neighbours)
                .tensor("means", vector(m.means())).tensor("step_coefficients", TensorData.ofDoubles(coef, steps.size(), width))
                .tensor("step_intercepts", vector(intercepts)).tensor("clip", vector(new double[] {m.minValue(), m.maxValue()}))
                .build();
    }

    private static TensorData vector(double[] v) {
        return TensorData.ofDoubles(v, v.length);
    }

    private static TensorData scalar(double v) {
        return TensorData.ofDoubles(new double[] {v}, 1);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

}
