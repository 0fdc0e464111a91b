package org.gyrus.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.nn.io.Json;
import org.gyrus.nn.layers.NetworkFile;

/** Reads the committed reference files in testdata/. */
final class Reference {

    private Reference() {
    }

    static Path file(String name) {
        return Path.of("testdata", name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String name) {
        try {
            return (Map<String, Object>) Json.parse(Files.readString(file(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    static float[] floats(Object tensor) {
        List<Object> data = (List<Object>) ((Map<String, Object>) tensor).get("data");
        float[] out = new float[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) data.get(i)).floatValue();
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static int[] ints(Object list) {
        return ((List<Object>) list).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }

    static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    static Classifier classifier(String file, int... sampleShape) throws IOException {
        return new Classifier(NetworkFile.load(file(file)), sampleShape);
    }

    static void assertClose(String what, float[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > tolerance) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (tolerance " + tolerance + ")");
            }
        }
    }
}
