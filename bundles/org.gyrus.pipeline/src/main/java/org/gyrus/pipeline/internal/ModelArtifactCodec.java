package org.gyrus.pipeline.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gyrus.data.ModelArtifact;

/**
 * A {@link ModelArtifact}: the bytes of its safetensors file (the model's own format, so the cache
 * never has a second way of writing models to keep in step).
 */
final class ModelArtifactCodec implements ValueCodec<ModelArtifact> {

    @Override public String id() { return "model-artifact"; }
    @Override public int version() { return 1; }
    @Override public Class<ModelArtifact> type() { return ModelArtifact.class; }

    @Override
    public void write(ModelArtifact m, DataOutputStream out) throws IOException {
        Path tmp = Files.createTempFile("gyrus-model", ".safetensors");
        try {
            m.save(tmp);
            out.writeLong(Files.size(tmp));
            Files.copy(tmp, out);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public ModelArtifact read(DataInputStream in) throws IOException {
        long n = in.readLong();
        if (n < 0 || n > Integer.MAX_VALUE - 8L) {
            throw new IOException("implausible model size " + n);
        }
        Path tmp = Files.createTempFile("gyrus-model", ".safetensors");
        try {
            Files.write(tmp, in.readNBytes((int) n));
            return ModelArtifact.load(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
