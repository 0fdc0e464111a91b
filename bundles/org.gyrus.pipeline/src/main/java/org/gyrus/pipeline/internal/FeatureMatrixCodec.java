package org.gyrus.pipeline.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.gyrus.data.FeatureMatrix;

/** A {@link FeatureMatrix}: row ids, feature names, then the float32 values row by row. */
final class FeatureMatrixCodec implements ValueCodec<FeatureMatrix> {

    @Override public String id() { return "feature-matrix"; }
    @Override public int version() { return 1; }
    @Override public Class<FeatureMatrix> type() { return FeatureMatrix.class; }

    @Override
    public void write(FeatureMatrix m, DataOutputStream out) throws IOException {
        strings(m.rowIds(), out);
        strings(m.featureNames(), out);
        Binary.writeFloats(out, m.values());
    }

    @Override
    public FeatureMatrix read(DataInputStream in) throws IOException {
        List<String> rows = strings(in);
        List<String> features = strings(in);
        return new FeatureMatrix(Binary.readFloats(in), rows, features);
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
