package org.gyrus.pipeline.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link WrittenFile}: the path, then the number of files and each file's path and SHA-256. */
final class WrittenFileCodec implements ValueCodec<WrittenFile> {

    @Override public String id() { return "written-file"; }
    @Override public int version() { return 1; }
    @Override public Class<WrittenFile> type() { return WrittenFile.class; }

    @Override
    public void write(WrittenFile f, DataOutputStream out) throws IOException {
        Binary.writeString(out, f.path().toString());
        out.writeInt(f.hashes().size());
        for (Map.Entry<Path, String> e : f.hashes().entrySet()) {
            Binary.writeString(out, e.getKey().toString());
            Binary.writeString(out, e.getValue());
        }
    }

    @Override
    public WrittenFile read(DataInputStream in) throws IOException {
        Path path = Path.of(Binary.readString(in));
        int n = Binary.checkLength(in.readInt());
        Map<Path, String> hashes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            hashes.put(Path.of(Binary.readString(in)), Binary.readString(in));
        }
        return new WrittenFile(path, hashes);
    }
}
