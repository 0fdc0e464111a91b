package org.gyrus.pipeline.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.FeatureMatrix;

/** A {@link FeatureMatrix}: row ids, feature names, the sample shape (0 dimensions: flat), then the float32 values row by row. */
final class FeatureMatrixCodec implements ValueCodec<FeatureMatrix> {

    @Override public String id() { return "feature-matrix"; }
    @Override public int version() { return 2; }
    @Override public Class<FeatureMatrix> type() { return FeatureMatrix.class; }

    @Override
    public void write(FeatureMatrix m, DataOutputStream out) throws IOException {
        strings(m.rowIds(), out);
        strings(m.featureNames(), out);
        int[] shape = m.hasSampleShape() ? m.sampleShape() : new int[0];
        out.writeInt(shape.length);
        for (int d : shape) {
            out.writeInt(d);
        }
        Binary.writeFloats(out, m.values());
    }

    @Override
    public FeatureMatrix read(DataInputStream in) throws IOException {
        List<String> rows = strings(in);
        List<String> features = strings(in);
        int dims = in.readInt();
        if (dims < 0 || dims > 8) {
            throw new IOException("A cached feature matrix claims a sample shape of " + dims + " dimensions");
        }
        int[] shape = new int[dims];
        for (int i = 0; i < dims; i++) {
            shape[i] = in.readInt();
        }
        return new FeatureMatrix(Binary.readFloats(in), rows, features, dims == 0 ? null : shape);
    }

    static void strings(List<String> l, DataOutputStream out) throws IOException {
        out.writeInt(l.size());
        for (String s : l) {
            Binary.writeString(out, s);
        }
    }

    static List<String> strings(DataInputStream in) throws IOException {
        int n = Binary.checkLength(in.readInt());
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(Binary.readString(in));
        }
        return l;
    }
}
