package org.gyrus.adversarial.nodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.gyrus.adversarial.AttackResult;
import org.gyrus.adversarial.Classifier;
import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.nn.layers.Module;
import org.gyrus.nn.layers.NetworkFile;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;

/**
 * What every attack node reads and writes: the network from a model artifact of kind
 * {@code network}, the samples from a feature matrix (rows of a given sample shape) or a set of 3-D
 * volumes (each one sample {@code [1, z, y, x]}), the labels, and the valid value range; the
 * adversarial data go back out in the same form, with a table of per-sample results. Every error
 * names the node and the port or parameter.
 */
final class AttackData {

    final String node;
    final Classifier classifier;
    final float[] samples;
    final List<String> ids;
    final int[] labels;
    final boolean labelsAreTargets;
    final float min;
    final float max;
    /** Whether the labels came from a labels table (otherwise: targets, or the network's own predictions). */
    final boolean labelled;
    /** The class names the network declares, or null. */
    final List<String> classNames;
    final ModelArtifact model;
    private final FeatureMatrix matrix;
    private final VolumeSet volumes;

    private AttackData(String node, Classifier classifier, float[] samples, List<String> ids, int[] labels, boolean targets,
            float min, float max, boolean labelled, ModelArtifact model, FeatureMatrix matrix, VolumeSet volumes) {
        this.node = node;
        this.classifier = classifier;
        this.samples = samples;
        this.ids = ids;
        this.labels = labels;
        this.labelsAreTargets = targets;
        this.min = min;
        this.max = max;
        this.labelled = labelled;
        this.model = model;
        this.classNames = classNames(model, classifier.classes());
        this.matrix = matrix;
        this.volumes = volumes;
    }

    /** Adds the inputs every node of this bundle has: the network, the samples (rows or volumes) and the labels. */
    static NodeDescriptor.Builder inputs(NodeDescriptor.Builder builder) {
        return builder
            .input("model", ModelArtifact.class, "A network (model artifact of kind network)")
            .optionalInput("samples", FeatureMatrix.class, "Samples as rows (with the sample shape)")
            .optionalInput("volumes", VolumeSet.class, "Samples as 3-D volumes")
            .optionalInput("labels", Table.class, "True classes, rows matched to the samples by id");
    }

    /** Adds the ports every attack node has: the inputs; adversarial samples and results out. */
    static NodeDescriptor.Builder ports(NodeDescriptor.Builder builder) {
        return inputs(builder)
            .output("samples", FeatureMatrix.class, "The adversarial rows (empty when the input was volumes)")
            .output("volumes", VolumeSet.class, "The adversarial volumes (empty when the input was a feature matrix)")
            .output("results", Table.class, "Per sample: label, original and adversarial class and confidence, L∞ and L2 change, success");
    }

    /** Documentation shared by the nodes. */
    static final String INPUTS_DOC = """
            The network comes from a model artifact of kind network (docs/network-format.md), whatever bundle trained it. \
            The samples are the rows of a feature matrix, each of the sample shape the matrix carries (for example \
            1,8,8 for 8×8 grey images; parameter 'sampleShape' gives one to a matrix without it; neither: flat rows), \
            or the 3-D volumes of a volume set, each one sample of shape [1, z, y, x]. The labels come from the class \
            column of the optional labels table (parameter 'labelColumn'; empty: its column with role label), matched \
            to the samples by row id: class names when the network names its classes (metadata 'classes', as the \
            learning bundle writes it), class indices otherwise. Without labels, the network's own predictions, as ART \
            does, so that success means the prediction changed. \
            A targeted attack aims every sample at the target class. Values stay in the valid range (empty: the data's \
            own minimum and maximum).""";

    static AttackData read(NodeContext context, String nodeName, DataParameters p) {
        String sampleShape = p.sampleShape;
        String labelColumn = p.labelColumn;
        int target = p instanceof AttackParameters a ? a.target : -1;
        String range = p.range;
        String node = "node '" + context.nodeId() + "' (" + nodeName + ")";
        ModelArtifact model = context.input("model", ModelArtifact.class);
        Optional<FeatureMatrix> matrix = context.optionalInput("samples", FeatureMatrix.class);
        Optional<VolumeSet> volumes = context.optionalInput("volumes", VolumeSet.class);
        if (matrix.isPresent() == volumes.isPresent()) {
            throw new IllegalArgumentException(node + ": connect exactly one of the inputs 'samples' (a feature matrix) and 'volumes'");
        }
        float[] data;
        List<String> ids;
        int[] shape;
        if (matrix.isPresent()) {
            FeatureMatrix m = matrix.get();
            data = m.toArray();
            ids = m.rowIds();
            shape = sampleShape(node, m, sampleShape);
        } else {
            VolumeSet set = volumes.get();
            ids = set.ids();
            if (ids.isEmpty()) {
                throw new IllegalArgumentException(node + ": the input 'volumes' is empty");
            }
            long[] dims = set.get(ids.get(0)).dimensions();
            if (dims.length != 3) {
                throw new IllegalArgumentException(node + ": input 'volumes': volume '" + ids.get(0) + "' has " + dims.length
                        + " dimensions; the attacks take 3-D volumes");
            }
            shape = new int[] {1, (int) dims[2], (int) dims[1], (int) dims[0]};
            int size = Math.toIntExact(dims[0] * dims[1] * dims[2]);
            data = new float[Math.multiplyExact(size, ids.size())];
            for (int i = 0; i < ids.size(); i++) {
                Volume v = set.get(ids.get(i));
                if (!Arrays.equals(v.dimensions(), dims)) {
                    throw new IllegalArgumentException(node + ": input 'volumes': volume '" + ids.get(i) + "' is "
                            + Arrays.toString(v.dimensions()) + ", not " + Arrays.toString(dims) + " like '" + ids.get(0) + "'");
                }
                System.arraycopy(v.toFloatArray(), 0, data, i * size, size);
            }
        }
        Classifier classifier = classifier(node, model, shape);
        float[] bounds = range(node, range, data);
        int[] labels;
        boolean targets = target >= 0;
        if (targets) {
            if (target >= classifier.classes()) {
                throw new IllegalArgumentException(node + ": parameter 'target' = " + target + " is not a class of the network (0 to "
                        + (classifier.classes() - 1) + ")");
            }
            labels = new int[ids.size()];
            Arrays.fill(labels, target);
        } else {
            Optional<Table> table = context.optionalInput("labels", Table.class);
            labels = table.isPresent() ? labels(node, table.get(), labelColumn, ids,
                    classNames(model, classifier.classes()), classifier.classes())
                    : classifier.predict(data);
        }
        boolean labelled = !targets && context.optionalInput("labels", Table.class).isPresent();
        return new AttackData(node, classifier, data, ids, labels, targets, bounds[0], bounds[1], labelled, model, matrix.orElse(null),
                volumes.orElse(null));
    }

    /**
     * The shape of one row: the matrix's own sample shape, or the parameter (for a matrix without
     * one), or flat rows. A parameter that disagrees with the matrix's own shape is refused.
     */
    private static int[] sampleShape(String node, FeatureMatrix m, String text) {
        int[] given = text.isBlank() ? null : parseShape(node, text);
        if (m.hasSampleShape()) {
            if (given != null && !Arrays.equals(given, m.sampleShape())) {
                throw new IllegalArgumentException(node + ": parameter 'sampleShape' " + Arrays.toString(given)
                        + " disagrees with the shape the samples carry, " + Arrays.toString(m.sampleShape())
                        + ": leave the parameter empty to use theirs");
            }
            return m.sampleShape();
        }
        if (given == null) {
            return new int[] {m.cols()};
        }
        long size = Arrays.stream(given).asLongStream().reduce(1, (a, b) -> a * b);
        if (size != m.cols()) {
            throw new IllegalArgumentException(node + ": parameter 'sampleShape' " + Arrays.toString(given) + " holds " + size
                    + " values, but the feature matrix has " + m.cols() + " columns per row");
        }
        return given;
    }

    private static int[] parseShape(String node, String text) {
        String[] parts = text.split(",");
        int[] shape = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                shape[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                shape[i] = -1;
            }
            if (shape[i] <= 0) {
                throw new IllegalArgumentException(node + ": parameter 'sampleShape' = \"" + text
                        + "\" must be positive integers separated by commas, channels first (for example 1,8,8)");
            }
        }
        return shape;
    }

    private static Classifier classifier(String node, ModelArtifact model, int[] shape) {
        if (!NetworkFile.ARTIFACT_KIND.equals(model.kind())) {
            throw new IllegalArgumentException(node + ": input 'model' is a model of kind '" + model.kind()
                    + "'; the attacks need a network (a model artifact of kind 'network')");
        }
        Module network;
        try {
            network = NetworkFile.rebuild(model.metadata().get(NetworkFile.ARTIFACT_ENTRY), model.tensors());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(node + ": input 'model': " + e.getMessage(), e);
        }
        try {
            return new Classifier(network, shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(node + ": the model's input shape does not match the data: " + e.getMessage(), e);
        }
    }

    private static float[] range(String node, String text, float[] data) {
        if (text.isBlank()) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float v : data) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(node + ": the data hold a missing or infinite value; the attacks need finite values");
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (!(lo < hi)) {
                throw new IllegalArgumentException(node + ": the data are constant, so parameter 'range' must be given (for example 0,1)");
            }
            return new float[] {lo, hi};
        }
        String[] parts = text.split(",");
        try {
            if (parts.length == 2) {
                float lo = Float.parseFloat(parts[0].trim());
                float hi = Float.parseFloat(parts[1].trim());
                if (lo < hi && Float.isFinite(lo) && Float.isFinite(hi)) {
                    return new float[] {lo, hi};
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(node + ": parameter 'range' = \"" + text + "\" must be two finite numbers min,max with min < max (for example 0,1)");
    }

    /** The class names a network artifact declares (metadata {@code classes}, as the learning bundle writes it), or null. */
    static List<String> classNames(ModelArtifact model, int classes) {
        Object names = model.metadata().get("classes");
        if (!(names instanceof List<?> list) || list.size() != classes) {
            return null;
        }
        return list.stream().map(String::valueOf).toList();
    }

    /**
     * The class of each sample from the labels table, matched by row id (the table's id column, or
     * its row numbers when it has none). A label is a class name when the network declares its
     * classes, otherwise a class index.
     */
    static int[] labels(String node, Table table, String name, List<String> ids, List<String> classNames, int classes) {
        Column column = labelColumn(node, table, name);
        List<String> tableIds = FeatureMatrix.rowIdsOf(table);
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < tableIds.size(); i++) {
            row.putIfAbsent(tableIds.get(i), i);
        }
        List<String> missing = ids.stream().filter(id -> !row.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(node + ": input 'labels' has no row for " + missing.size() + " of the " + ids.size()
                    + " samples, for example " + missing.subList(0, Math.min(5, missing.size())) + " (labels are matched by the id column"
                    + (table.idColumn().isPresent() ? " '" + table.idColumn().get().name() + "'" : "; this table has none, so its ids are its row numbers from 0")
                    + ")");
        }
        int[] labels = new int[ids.size()];
        for (int i = 0; i < labels.length; i++) {
            int r = row.get(ids.get(i));
            String text = column.format(r);
            int label = classNames == null ? classIndex(text, classes) : classNames.indexOf(text == null ? null : text.trim());
            if (label < 0) {
                throw new IllegalArgumentException(node + ": column '" + column.name() + "' of input 'labels', sample '" + ids.get(i) + "': \""
                        + text + "\" is not a class of the network (" + (classNames == null
                        ? "an integer from 0 to " + (classes - 1) : "its classes are " + classNames) + ")");
            }
            labels[i] = label;
        }
        return labels;
    }

    private static int classIndex(String text, int classes) {
        try {
            double v = Double.parseDouble(text.trim());
            return v == Math.rint(v) && v >= 0 && v < classes ? (int) v : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The column named by the parameter, or the table's one label column when the parameter is empty. */
    private static Column labelColumn(String node, Table table, String name) {
        if (!name.isBlank()) {
            return table.find(name).orElseThrow(() -> new IllegalArgumentException(node + ": parameter 'labelColumn': input 'labels' has no column '"
                    + name + "'; its columns are " + table.columnNames()));
        }
        List<Column> cols = table.columnsWithRole(ColumnRole.LABEL);
        if (cols.isEmpty() && table.find("label").isPresent()) {
            return table.column("label");
        }
        if (cols.size() != 1) {
            throw new IllegalArgumentException(node + ": input 'labels' has " + cols.size() + " columns with role label "
                    + "(its columns are " + table.columnNames() + "): name the class column in parameter 'labelColumn'");
        }
        return cols.get(0);
    }

    /**
     * The labels table's values of another column (a group), matched by id like the labels.
     *
     * @throws IllegalArgumentException naming the column when it is missing
     */
    String[] groups(NodeContext context, String column) {
        Table table = context.optionalInput("labels", Table.class).orElseThrow(() -> new IllegalArgumentException(node
                + ": parameter 'groupColumn' needs the input 'labels', which holds the group column"));
        Column c = table.find(column).orElseThrow(() -> new IllegalArgumentException(node + ": parameter 'groupColumn': input 'labels' has no column '"
                + column + "'; its columns are " + table.columnNames()));
        List<String> tableIds = FeatureMatrix.rowIdsOf(table);
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < tableIds.size(); i++) {
            row.putIfAbsent(tableIds.get(i), i);
        }
        String[] out = new String[ids.size()];
        for (int i = 0; i < out.length; i++) {
            String v = c.format(row.get(ids.get(i)));
            out[i] = v == null ? "(missing)" : v;
        }
        return out;
    }

    /** Requires a labels table: accuracy needs the true classes. */
    void requireLabels() {
        if (!labelled) {
            throw new IllegalArgumentException(node + ": connect the input 'labels' (the true classes): accuracy needs them");
        }
    }

    boolean isVolumes() {
        return volumes != null;
    }

    /** The adversarial samples, in the form the samples came in. */
    Object adversarial(float[] values) {
        if (matrix != null) {
            FeatureMatrix out = new FeatureMatrix(values, matrix.rowIds(), matrix.featureNames());
            int[] shape = classifier.sampleShape();
            return matrix.hasSampleShape() || shape.length > 1 ? out.withSampleShape(shape) : out;
        }
        Map<String, Volume> out = new LinkedHashMap<>();
        int size = classifier.sampleSize();
        for (int i = 0; i < ids.size(); i++) {
            Volume v = volumes.get(ids.get(i));
            Volume.Builder b = Volume.builder(Arrays.copyOfRange(values, i * size, (i + 1) * size), v.dimensions())
                    .affine(v.affine(), v.xformCode()).voxelSizes(v.voxelSizes()).units(v.spatialUnit(), v.temporalUnit());
            v.metadata().forEach(b::metadata);
            out.put(ids.get(i), b.build());
        }
        return VolumeSet.of(out);
    }

    /** One row per sample: id, label, original and adversarial class and confidence, norms, success. */
    Table results(AttackResult r) {
        int n = r.size();
        List<Column> columns = new ArrayList<>();
        columns.add(new TextColumn("id", ids.toArray(String[]::new)));
        columns.add(new NumericColumn(labelsAreTargets ? "target" : "true", ints(r.labels())));
        columns.add(new NumericColumn("original", ints(r.originalClass())));
        columns.add(new NumericColumn("original_confidence", floats(r.originalConfidence())));
        columns.add(new NumericColumn("adversarial", ints(r.adversarialClass())));
        columns.add(new NumericColumn("adversarial_confidence", floats(r.adversarialConfidence())));
        columns.add(new NumericColumn("linf", r.linf().clone()));
        columns.add(new NumericColumn("l2", r.l2().clone()));
        String[] success = new String[n];
        for (int i = 0; i < n; i++) {
            success[i] = Boolean.toString(r.success()[i]).toLowerCase(Locale.ROOT);
        }
        columns.add(new TextColumn("success", success));
        return Table.of(columns.toArray(Column[]::new));
    }

    private static double[] ints(int[] v) {
        return Arrays.stream(v).asDoubleStream().toArray();
    }

    private static double[] floats(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
