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
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeMask;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;

/** What the reduction nodes share: reading features from either port, latent tables, scatter plots. */
final class NodeSupport {

    static final String CATEGORY = "Dimensionality reduction";

    static final String FEATURES_HELP = "The samples as a feature matrix (connect this or 'table')";
    static final String TABLE_HELP = "The samples as a table: its numeric feature columns are used (connect this or 'features')";
    static final String LABELS_HELP = "Optional: a table whose label column (role label) colours the scatter plot and is copied to "
            + "the latent table, matched by row id";

    private NodeSupport() {
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
    static byte[] scatter(String title, FeatureMatrix latent, Map<String, String> labels) {
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
        return chart.toPng();
    }

    /** Rows of {@code matrix} as volumes through the optional mask; an empty set without a mask. */
    static VolumeSet volumes(Optional<Volume> mask, FeatureMatrix matrix) {
        return mask.map(m -> new VolumeMask(m, "the mask (input 'mask')").toVolumes(matrix)).orElseGet(() -> VolumeSet.of(Map.of()));
    }
}
