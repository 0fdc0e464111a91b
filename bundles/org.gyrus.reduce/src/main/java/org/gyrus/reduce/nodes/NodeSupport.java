package org.gyrus.reduce.nodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gyrus.data.Chart;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FeatureSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.ModelSpec;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeMask;
import org.gyrus.data.VolumeSet;
import org.gyrus.data.VolumeSetSpec;
import org.gyrus.data.VolumeSpec;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.SpecContext;

/** What the reduction nodes share: reading features from either port, latent tables, scatter plots. */
final class NodeSupport {

    static final String CATEGORY = "Dimensionality reduction";

    static final String FEATURES_HELP = "The samples as a feature matrix (connect this or 'table')";
    static final String TABLE_HELP = "The samples as a table: its numeric feature columns are used (connect this or 'features')";
    static final String LABELS_HELP = "Optional: a table whose label column (role label) colours the scatter plot and is copied to "
            + "the latent table, matched by row id";

    /** The newest layout of the PCA and autoencoder models that these nodes read (and the one they write). */
    static final int MODEL_SCHEMA = 1;

    private NodeSupport() {
    }

    /**
     * The model on the "model" input, checked to be of kind {@code kind} in a schema these nodes read.
     *
     * @throws IllegalArgumentException naming the kind expected and the kind found
     */
    static ModelArtifact model(NodeContext context, String kind, String what) {
        return context.input("model", ModelArtifact.class).require(MODEL_SCHEMA, what, kind);
    }

    /**
     * The spec step's view of the samples on "features" or "table": reports connecting both or
     * neither, and a table that certainly has no numeric feature column; empty when unknown.
     */
    static Optional<FeatureSpec> samples(SpecContext c) {
        boolean f = c.connected("features");
        if (f == c.connected("table")) {
            c.problem("inputs", "connect exactly one of the inputs 'features' and 'table' (" + (f ? "both are" : "neither is")
                    + " connected)");
            return Optional.empty();
        }
        if (f) {
            return c.input("features", FeatureSpec.class);
        }
        Optional<TableSpec> t = c.input("table", TableSpec.class);
        Optional<FeatureSpec> x = t.map(FeatureSpec::ofTable);
        if (x.flatMap(FeatureSpec::width).orElse(-1) == 0) {
            c.problem("inputs.table", "the table has no numeric feature column to make features of; its columns are " + t.get().describe());
            return Optional.empty();
        }
        return x;
    }

    /** The spec step's check of the "model" input: of kind {@code kind}; empty when unknown or wrong (then reported). */
    static Optional<ModelSpec> model(SpecContext c, String kind, String what) {
        Optional<ModelSpec> m = c.input("model", ModelSpec.class);
        if (m.isPresent() && !m.get().kind().equals(kind)) {
            c.problem("inputs.model", "takes " + what + " (kind " + kind + "), but is connected to a " + m.get().kind() + " model");
            return Optional.empty();
        }
        return m;
    }

    /** The spec step's check that the samples have the features the model was fitted on, when both are known. */
    static void checkFeatures(SpecContext c, Optional<ModelSpec> model, Optional<FeatureSpec> x) {
        if (model.isEmpty() || model.get().inputs() == null || x.isEmpty() || x.get().names() == null) {
            return;
        }
        List<String> expected = model.get().inputs();
        if (!x.get().names().equals(expected)) {
            c.problem(c.connected("features") ? "inputs.features" : "inputs.table", "the model was fitted on features "
                    + abbreviate(expected) + " but gets " + abbreviate(x.get().names()));
        }
    }

    /** The spec of a latent table made of {@code latent}, with a label column when "labels" is connected. */
    static TableSpec latentSpec(SpecContext c, FeatureSpec latent) {
        c.input("labels", TableSpec.class).ifPresent(t -> {
            if (t.complete() && t.columnsWithRole(ColumnRole.LABEL).isEmpty()) {
                c.problem("inputs.labels", "the 'labels' table has no label column; its columns are " + t.describe());
            }
        });
        TableSpec t = latent.toTable();
        return c.connected("labels") ? t.with(new ColumnSpec("label", ColumnSpec.Kind.TEXT, ColumnRole.LABEL)) : t;
    }

    /** The spec of volumes made through the optional "mask": on its grid when known. */
    static VolumeSetSpec volumesSpec(SpecContext c) {
        return new VolumeSetSpec(c.input("mask", VolumeSpec.class).orElse(null));
    }

    /** Declares the "features" and "table" inputs, one of which must be connected. */
    static NodeDescriptor.Builder samplesInputs(NodeDescriptor.Builder b) {
        return b.optionalInput("features", FeatureMatrix.class, FEATURES_HELP).optionalInput("table", Table.class, TABLE_HELP);
    }

    /**
     * The samples on "features" or "table", every value finite and within single precision (PCA
     * and the autoencoder refuse NaN and infinity, as scikit-learn's PCA does).
     *
     * @param what the model, for error messages ("PCA", "Autoencoder")
     * @throws IllegalArgumentException if both or neither are connected, or naming the feature and
     *     row of a missing, infinite or too large value
     */
    static FeatureMatrix samples(NodeContext context, String what) {
        Optional<FeatureMatrix> f = context.optionalInput("features", FeatureMatrix.class);
        Optional<Table> t = context.optionalInput("table", Table.class);
        if (f.isPresent() == t.isPresent()) {
            throw new IllegalArgumentException("Connect exactly one of the inputs 'features' and 'table' (" + (f.isPresent()
                    ? "both are" : "neither is") + " connected)");
        }
        if (t.isPresent()) {
            // Before the conversion to float, which would turn 1e300 into infinity.
            FiniteSamples.check(t.get(), what);
            return FeatureMatrix.fromTable(t.get());
        }
        FiniteSamples.check(f.get(), what);
        return f.get();
    }

    /**
     * The samples, checked to have the features the model was fitted on.
     *
     * @throws IllegalArgumentException naming both feature lists when they differ
     */
    static FeatureMatrix checkedSamples(NodeContext context, ModelArtifact model) {
        FeatureMatrix x = samples(context, model.kind().endsWith("autoencoder") ? "Autoencoder" : "PCA");
        List<String> expected = model.strings("feature_names");
        if (!x.featureNames().equals(expected)) {
            throw new IllegalArgumentException("The model was fitted on features " + abbreviate(expected) + " but got "
                    + abbreviate(x.featureNames()));
        }
        return x;
    }

    static String abbreviate(List<String> names) {
        return names.size() <= 8 ? names.toString() : names.subList(0, 8) + "… (" + names.size() + " features)";
    }

    /** The samples of a float matrix with names. */
    static FeatureMatrix matrix(float[] data, List<String> rowIds, String prefix, int k) {
        List<String> names = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            names.add(prefix + (j + 1));
        }
        return new FeatureMatrix(data, rowIds, names);
    }

    /** The label of each row id, from the first label column of {@code labels}; empty when absent. */
    static Map<String, String> labelsById(Optional<Table> labels) {
        Map<String, String> out = new HashMap<>();
        labels.ifPresent(t -> {
            List<Column> cols = t.columnsWithRole(ColumnRole.LABEL);
            if (cols.isEmpty()) {
                throw new IllegalArgumentException("The 'labels' table has no label column; its columns are " + t.columnNames());
            }
            Column c = cols.get(0);
            List<String> ids = FeatureMatrix.rowIdsOf(t);
            for (int i = 0; i < t.rowCount(); i++) {
                out.put(ids.get(i), c.isMissing(i) ? "missing" : c.format(i));
            }
        });
        return out;
    }

    /** The latent matrix as a table (id, then one column per dimension), with a "label" column when labels are known. */
    static Table latentTable(FeatureMatrix latent, Map<String, String> labels) {
        Table t = latent.toTable();
        if (labels.isEmpty()) {
            return t;
        }
        String[] values = latent.rowIds().stream().map(labels::get).toArray(String[]::new);
        return t.with(new TextColumn("label", ColumnRole.LABEL, values));
    }

    /** A scatter plot of the first two latent dimensions, one colour per label. */
    static Chart scatter(String title, FeatureMatrix latent, Map<String, String> labels) {
        Chart chart = new Chart(title, latent.featureNames().get(0), latent.cols() > 1 ? latent.featureNames().get(1) : "");
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < latent.rows(); i++) {
            String label = labels.getOrDefault(latent.rowIds().get(i), "samples");
            groups.computeIfAbsent(label == null ? "unlabelled" : label, g -> new ArrayList<>()).add(i);
        }
        groups.forEach((label, rows) -> {
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = latent.get(rows.get(i), 0);
                y[i] = latent.cols() > 1 ? latent.get(rows.get(i), 1) : 0;
            }
            chart.points(label, x, y);
        });
        return chart;
    }

    /** Rows of {@code matrix} as volumes through the optional mask; an empty set without a mask. */
    static VolumeSet volumes(Optional<Volume> mask, FeatureMatrix matrix) {
        return mask.map(m -> new VolumeMask(m, "the mask (input 'mask')").toVolumes(matrix)).orElseGet(() -> VolumeSet.of(Map.of()));
    }
}
