package org.gyrus.attention.nodes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gyrus.attention.ImageLayout;
import org.gyrus.attention.InputLayout;
import org.gyrus.attention.TableLayout;
import org.gyrus.attention.VolumeLayout;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.Table;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;

/**
 * The samples a transformer node reads, encoded for the network: a table (one token per feature
 * column), a feature matrix (rows with a sample shape [C, H, W] are images cut into patches; rows
 * without one are numeric features), or volumes with a mask (3-D patches inside the mask). Labels
 * come from the table's label column or from a 'labels' table matched by row id.
 *
 * @param layout  how the samples were tokenised
 * @param x       the encoded samples
 * @param ids     the sample ids
 * @param label   the label of each sample, or null when unknown
 * @param carried group columns of a table, carried into predictions
 * @param images  for images, each sample's first channel (for overlays), else null
 * @param mask    for volumes, the mask
 */
record Inputs(InputLayout layout, float[] x, List<String> ids, Column label, List<Column> carried, float[] images, Volume mask) {

    /** Declares the data inputs. */
    static NodeDescriptor.Builder declare(NodeDescriptor.Builder b) {
        return b.optionalInput("table", Table.class, "Samples as a table: one token per feature column (numeric or categorical); "
                        + "its label column is the target")
                .optionalInput("features", FeatureMatrix.class, "Samples as a feature matrix: rows with a sample shape [C, H, W] "
                        + "(or [H, W]) are images cut into patches; rows without one are numeric features")
                .optionalInput("volumes", VolumeSet.class, "Samples as volumes (with 'mask'): 3-D patches inside the mask")
                .optionalInput("mask", Volume.class, "With 'volumes': the mask whose patches are the tokens")
                .optionalInput("labels", Table.class, "With 'features' or 'volumes': a table whose label column (role label) "
                        + "gives each sample's target, matched by row id");
    }

    /**
     * Reads and encodes the samples.
     *
     * @param known the layout of a fitted model, or null to make one from the data
     * @param patch the patch size for images and volumes when making a layout
     * @throws IllegalArgumentException if not exactly one data input is connected, or the data do not
     *     fit the model's layout
     */
    static Inputs read(NodeContext context, InputLayout known, int patch) {
        Optional<Table> table = context.optionalInput("table", Table.class);
        Optional<FeatureMatrix> features = context.optionalInput("features", FeatureMatrix.class);
        Optional<VolumeSet> volumes = context.optionalInput("volumes", VolumeSet.class);
        Optional<Volume> mask = context.optionalInput("mask", Volume.class);
        Optional<Table> labels = context.optionalInput("labels", Table.class);
        int connected = (table.isPresent() ? 1 : 0) + (features.isPresent() ? 1 : 0) + (volumes.isPresent() ? 1 : 0);
        if (connected != 1) {
            throw new IllegalArgumentException("Connect exactly one of the inputs 'table', 'features' and 'volumes' (" + connected
                    + " are connected)");
        }
        Inputs in;
        if (table.isPresent()) {
            Table t = table.get();
            TableLayout layout = known == null ? TableLayout.of(t) : expect(known, TableLayout.class, "a table");
            List<String> ids = FeatureMatrix.rowIdsOf(t);
            List<Column> labelColumns = t.columnsWithRole(ColumnRole.LABEL);
            if (labelColumns.size() > 1) {
                throw new IllegalArgumentException("The table has several label columns " + labelColumns.stream().map(Column::name).toList()
                        + "; give all but the target another role");
            }
            List<Column> carried = t.columns().stream().filter(c -> c.role() == ColumnRole.GROUP).map(c -> (Column) c).toList();
            in = new Inputs(layout, layout.encode(t, ids), ids, labelColumns.isEmpty() ? null : labelColumns.get(0), carried, null, null);
        } else if (features.isPresent()) {
            FeatureMatrix m = features.get();
            if (m.hasSampleShape()) {
                ImageLayout layout = known == null ? ImageLayout.of(m.sampleShape(), patch) : expect(known, ImageLayout.class, "images");
                int per = layout.channels() * layout.height() * layout.width();
                if (m.cols() != per) {
                    throw new IllegalArgumentException("The model takes images of " + java.util.Arrays.toString(layout.sampleShape())
                            + " but the rows have the sample shape " + java.util.Arrays.toString(m.sampleShape()));
                }
                float[] v = m.values();
                int plane = layout.height() * layout.width();
                float[] first = new float[m.rows() * plane];
                for (int r = 0; r < m.rows(); r++) {
                    System.arraycopy(v, r * per, first, r * plane, plane);
                }
                requireFinite(v, m);
                in = new Inputs(layout, v.clone(), m.rowIds(), null, List.of(), first, null);
            } else {
                TableLayout layout = known == null ? TableLayout.numeric(m.featureNames()) : expect(known, TableLayout.class, "numeric features");
                if (!layout.categorical().isEmpty() || !layout.numeric().equals(m.featureNames())) {
                    throw new IllegalArgumentException("The model was fitted on the features " + abbreviate(layout.tokenNames())
                            + " but the data have " + abbreviate(m.featureNames()) + " (same names, same order needed)");
                }
                requireFinite(m.values(), m);
                in = new Inputs(layout, m.values().clone(), m.rowIds(), null, List.of(), null, null);
            }
        } else {
            Volume msk = mask.orElseThrow(() -> new IllegalArgumentException("With 'volumes', connect the 'mask' whose patches are the tokens"));
            VolumeLayout layout = known == null ? VolumeLayout.of(msk, patch) : expect(known, VolumeLayout.class, "volumes");
            List<String> ids = volumes.get().ids();
            in = new Inputs(layout, layout.encode(volumes.get(), ids, msk), ids, null, List.of(), null, msk);
        }
        return labels.isPresent() ? in.withLabel(labelsById(labels.get(), in.ids)) : in;
    }

    private static <L extends InputLayout> L expect(InputLayout known, Class<L> type, String what) {
        if (!type.isInstance(known)) {
            throw new IllegalArgumentException("The model was fitted on " + known.kind() + " inputs, but " + what + " are connected");
        }
        return type.cast(known);
    }

    private static void requireFinite(float[] v, FeatureMatrix m) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("Feature '" + m.featureNames().get(i % m.cols()) + "' is " + (Float.isNaN(v[i]) ? "missing (NaN)" : v[i])
                        + " for sample '" + m.rowIds().get(i / m.cols()) + "': impute or drop it first");
            }
        }
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 8 ? names.toString() : names.subList(0, 8) + "… (" + names.size() + " features)";
    }

    /** The label column of {@code labels} reordered to the rows {@code ids}. */
    private static Column labelsById(Table labels, List<String> ids) {
        List<Column> cols = labels.columnsWithRole(ColumnRole.LABEL);
        if (cols.size() != 1) {
            throw new IllegalArgumentException("The 'labels' table needs exactly one label column (role label); its columns are "
                    + labels.columnNames());
        }
        List<String> labelIds = FeatureMatrix.rowIdsOf(labels);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labelIds.size(); i++) {
            index.putIfAbsent(labelIds.get(i), i);
        }
        int[] rows = new int[ids.size()];
        for (int i = 0; i < rows.length; i++) {
            Integer r = index.get(ids.get(i));
            if (r == null) {
                throw new IllegalArgumentException("Sample '" + ids.get(i) + "' has no row in the 'labels' table (matched by its id column)");
            }
            rows[i] = r;
        }
        return cols.get(0).select(rows);
    }

    private Inputs withLabel(Column c) {
        return new Inputs(layout, x, ids, c, carried, images, mask);
    }

    /** The number of samples. */
    int n() {
        return ids.size();
    }

    /**
     * @throws IllegalArgumentException saying how to give labels when none are known
     */
    Column requireLabel() {
        if (label == null) {
            throw new IllegalArgumentException("No labels: connect a 'table' with a label column (role label), or a 'labels' table beside "
                    + "'features' or 'volumes'");
        }
        return label;
    }

}
