package org.gyrus.diffusion.nodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.diffusion.DiffusionModel;
import org.gyrus.diffusion.ImageGrid;
import org.gyrus.diffusion.Sampler;
import org.gyrus.diffusion.TrainingImages;
import org.gyrus.pipeline.NodeContext;

/** What the diffusion nodes share: reading the model and images, writing samples, progress. */
final class DiffusionData {

    private DiffusionData() {
    }

    static String node(NodeContext context, String name) {
        return "node '" + context.nodeId() + "' (" + name + ")";
    }

    static DiffusionModel model(NodeContext context, String node) {
        try {
            return DiffusionModel.fromArtifact(context.input("model", ModelArtifact.class));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(node + ": input 'model': " + e.getMessage(), e);
        }
    }

    /** Progress from {@code from} to {@code to} of the node's bar, with a cancellation check after each step. */
    static Sampler.Monitor monitor(NodeContext context, double from, double to) {
        return (done, total) -> {
            context.checkCancelled();
            context.progress(from + (to - from) * done / total);
        };
    }

    /** Images as rows of a feature matrix with the sample shape, or cut from volumes inside an optional mask. */
    static TrainingImages images(NodeContext context, String node, int dims, int patch, int holdOut) {
        Optional<FeatureMatrix> matrix = context.optionalInput("images", FeatureMatrix.class);
        Optional<VolumeSet> volumes = context.optionalInput("volumes", VolumeSet.class);
        if (matrix.isPresent() == volumes.isPresent()) {
            throw new IllegalArgumentException(node + ": connect exactly one of the inputs 'images' (a feature matrix with a sample shape) "
                    + "and 'volumes'");
        }
        if (matrix.isPresent()) {
            return fromMatrix(node, matrix.get());
        }
        VolumeSet set = volumes.get();
        if (set.ids().isEmpty()) {
            throw new IllegalArgumentException(node + ": the input 'volumes' is empty");
        }
        long[] first = set.get(set.ids().get(0)).dimensions();
        if (first.length != 3) {
            throw new IllegalArgumentException(node + ": input 'volumes': volume '" + set.ids().get(0) + "' has " + first.length
                    + " dimensions; training takes 3-D volumes");
        }
        int[] grid = Arrays.stream(first).mapToInt(Math::toIntExact).toArray();
        boolean[] mask = null;
        Optional<Volume> m = context.optionalInput("mask", Volume.class);
        if (m.isPresent()) {
            if (!Arrays.equals(m.get().dimensions(), first)) {
                throw new IllegalArgumentException(node + ": input 'mask' " + Arrays.toString(m.get().dimensions())
                        + " is not on the volumes' grid " + Arrays.toString(first));
            }
            float[] v = m.get().toFloatArray();
            mask = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                mask[i] = v[i] != 0;
            }
        }
        TrainingImages images;
        try {
            images = new TrainingImages(dims, patch, grid);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(node + ": " + e.getMessage(), e);
        }
        if (holdOut >= set.ids().size()) {
            throw new IllegalArgumentException(node + ": parameter 'holdOut' = " + holdOut + " leaves no volume to train on (there are "
                    + set.ids().size() + ")");
        }
        for (String id : set.ids().subList(0, set.ids().size() - holdOut)) {
            context.checkCancelled();
            Volume v = set.get(id);
            if (!Arrays.equals(v.dimensions(), first)) {
                throw new IllegalArgumentException(node + ": input 'volumes': volume '" + id + "' is " + Arrays.toString(v.dimensions())
                        + ", not " + Arrays.toString(first) + " like '" + set.ids().get(0) + "'");
            }
            images.add(v.toFloatArray(), mask);
        }
        if (images.count() == 0) {
            throw new IllegalArgumentException(node + ": no training image: the mask selects no slice or patch");
        }
        return images;
    }

    /** The last {@code holdOut} volumes of the input 'volumes' (empty for rows). */
    static VolumeSet heldOut(NodeContext context, int holdOut) {
        Optional<VolumeSet> volumes = context.optionalInput("volumes", VolumeSet.class);
        java.util.Map<String, Volume> out = new java.util.LinkedHashMap<>();
        if (volumes.isPresent()) {
            List<String> ids = volumes.get().ids();
            for (String id : ids.subList(ids.size() - holdOut, ids.size())) {
                out.put(id, volumes.get().get(id));
            }
        }
        return VolumeSet.of(out);
    }

    private static TrainingImages fromMatrix(String node, FeatureMatrix m) {
        if (!m.hasSampleShape() || (m.sampleShape().length != 3 && m.sampleShape().length != 4)) {
            throw new IllegalArgumentException(node + ": input 'images' needs rows with a sample shape C×H×W or C×D×H×W "
                    + "(channels first), not " + (m.hasSampleShape() ? Arrays.toString(m.sampleShape()) : "flat rows"));
        }
        return TrainingImages.ofRows(m.values(), m.rows(), m.sampleShape());
    }

    /** Samples as rows sample1.. of a feature matrix with the model's sample shape. */
    static FeatureMatrix samples(float[] values, int n, int[] shape) {
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("sample" + (i + 1));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            names.add("p" + i);
        }
        return new FeatureMatrix(values, ids, names).withSampleShape(shape);
    }

    /** The first channel (and middle slice of a 3-D sample) of each image, in a grid. */
    static byte[] grid(float[] values, int n, int[] shape, double low, double high, String caption) {
        int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int w = shape[shape.length - 1];
        int h = shape[shape.length - 2];
        int depth = shape.length == 4 ? shape[1] : 1;
        ImageGrid g = new ImageGrid(Math.min(8, n), low, high);
        for (int i = 0; i < n; i++) {
            int offset = i * size + (depth / 2) * w * h;
            g.add(caption + " " + (i + 1), Arrays.copyOfRange(values, offset, offset + w * h), w, h);
        }
        return g.toPng();
    }
}
