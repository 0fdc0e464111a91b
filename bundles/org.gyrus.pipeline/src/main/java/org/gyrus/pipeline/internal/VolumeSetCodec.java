package org.gyrus.pipeline.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;

/**
 * A {@link VolumeSet}: the number of subjects, then per subject its id, the size of its volume and
 * the volume. Writing loads each volume once, one at a time. Read from a cache file, the set stays
 * lazy: each volume is read from the file when it is asked for, and not kept, as the set that was
 * stored would have done.
 */
final class VolumeSetCodec implements ValueCodec<VolumeSet> {

    private final VolumeCodec volumes = new VolumeCodec();

    @Override public String id() { return "volume-set"; }
    @Override public int version() { return 2; }
    @Override public Class<VolumeSet> type() { return VolumeSet.class; }

    @Override
    public void write(VolumeSet set, DataOutputStream out) throws IOException {
        out.writeInt(set.size());
        for (String id : set.ids()) {
            Volume v = set.get(id);
            if (!volumes.canWrite(v)) {
                throw new IOException("the volume of subject '" + id + "' has " + v.image().getType().getClass().getSimpleName()
                        + " voxels, which the cache does not store");
            }
            Binary.writeString(out, id);
            out.writeLong(volumes.size(v));
            volumes.write(v, out);
        }
    }

    @Override
    public VolumeSet read(DataInputStream in) throws IOException {
        int n = Binary.checkLength(in.readInt());
        if (!(in instanceof CacheInput file)) {
            Map<String, Volume> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String id = Binary.readString(in);
                in.readLong();
                m.put(id, volumes.read(in));
            }
            return VolumeSet.of(m);
        }
        Map<String, Supplier<Volume>> loaders = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String id = Binary.readString(in);
            long size = in.readLong();
            if (size < 0) {
                throw new IOException("negative volume size for subject '" + id + "'");
            }
            long offset = file.position();
            in.skipNBytes(size);
            Path path = file.file();
            loaders.put(id, () -> load(path, offset, id));
        }
        return VolumeSet.lazy(loaders);
    }

    private Volume load(Path file, long offset, String id) {
        try (InputStream raw = Files.newInputStream(file)) {
            raw.skipNBytes(offset);
            return volumes.read(new DataInputStream(new BufferedInputStream(raw, 1 << 16)));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("The cached volume of subject '" + id + "' is gone: its cache entry " + file
                    + " was removed while the run used it (the cache may be too small); run again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the cached volume of subject '" + id + "' from " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
