package org.gyrus.workbench.viewers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gyrus.data.Volume;
import org.gyrus.data.XformCode;
import org.joml.Matrix4d;

/** The reference volumes of testdata/volumes (see testdata/README.md) and their nibabel slices. */
final class TestVolumes {

    static final Path DIR = Path.of("testdata/volumes");

    private TestVolumes() {
    }

    /** The reference of volume {@code name}: shape, affine, cursor and nibabel's slices. */
    static JsonNode reference(String name) throws IOException {
        return new ObjectMapper().readTree(DIR.resolve(name + ".json").toFile());
    }

    /** The volume {@code name}, built from its voxels and affine. */
    static Volume load(String name) throws IOException {
        JsonNode ref = reference(name);
        long[] dims = new long[ref.get("shape").size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = ref.get("shape").get(i).asLong();
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(DIR.resolve(name + ".f32"))).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        Matrix4d a = new Matrix4d();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                a.setRowColumn(r, c, ref.get("affine").get(r).get(c).asDouble());
            }
        }
        return Volume.builder(v, dims).affine(a, XformCode.SCANNER_ANAT).build();
    }

    /** A reference slice as rows top to bottom, flattened. */
    static float[] slice(JsonNode ref, SlicePlane plane) {
        JsonNode rows = ref.get(plane.name().toLowerCase(java.util.Locale.ROOT));
        int h = rows.size();
        int w = rows.get(0).size();
        float[] out = new float[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                out[r * w + c] = (float) rows.get(r).get(c).asDouble();
            }
        }
        return out;
    }

    static long[] cursor(JsonNode ref) {
        return new long[] {ref.get("cursor").get(0).asLong(), ref.get("cursor").get(1).asLong(), ref.get("cursor").get(2).asLong()};
    }
}
