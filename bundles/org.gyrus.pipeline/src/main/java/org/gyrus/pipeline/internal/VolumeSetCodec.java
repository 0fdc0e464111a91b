package org.gyrus.pipeline.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;

/**
 * A {@link VolumeSet}: the subject ids in order, each followed by its volume. Writing loads every
 * volume once; reading keeps them in memory.
 */
final class VolumeSetCodec implements ValueCodec<VolumeSet> {

    private final VolumeCodec volumes = new VolumeCodec();

    @Override public String id() { return "volume-set"; }
    @Override public int version() { return 1; }
    @Override public Class<VolumeSet> type() { return VolumeSet.class; }

    @Override
    public void write(VolumeSet set, DataOutputStream out) throws IOException {
        out.writeInt(set.size());
        for (String id : set.ids()) {
            Binary.writeString(out, id);
            volumes.write(set.get(id), out);
        }
    }

    @Override
    public VolumeSet read(DataInputStream in) throws IOException {
        int n = Binary.checkLength(in.readInt());
        Map<String, Volume> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(Binary.readString(in), volumes.read(in));
        }
        return VolumeSet.of(m);
    }
}
