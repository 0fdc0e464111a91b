package org.gyrus.nn.testsupport;

import org.gyrus.nn.Tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads the PyTorch reference values in testdata/ and compares results with them. */
public final class Reference {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Reference() {
    }

    /** The module's test data folder (tests run with the module as working directory). */
    public static Path file(String name) {
        return Path.of("testdata", name);
    }

    public static JsonNode load(String name) {
        try {
            return MAPPER.readTree(file(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {"shape": [...], "data": [...]} node as a tensor. */
    public static Tensor tensor(JsonNode node) {
        JsonNode s = node.get("shape");
        int[] shape = new int[s.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).asInt();
        }
        return Tensor.of(floats(node.get("data")), shape);
    }

    /**
     * PyTorch's {@code torch.linspace(-1, 1, n)} in float32 (the upstream weights of the parity
     * losses), evaluated from both ends as ATen's CPU kernel does.
     */
    public static Tensor linspace(int n, int... shape) {
        float[] v = new float[n];
        float step = 2f / (n - 1);
        for (int i = 0; i < n; i++) {
            v[i] = i < n / 2 ? -1f + step * i : 1f - step * (n - 1 - i);
        }
        return Tensor.wrap(v, shape);
    }

    /** Tensors of a safetensors reference file in testdata/, by name. */
    public static java.util.Map<String, Tensor> tensors(String name) {
        try {
            java.util.Map<String, Tensor> out = new java.util.LinkedHashMap<>();
            org.gyrus.nn.io.Safetensors.read(file(name)).forEach((k, v) -> out.put(k, v.toTensor()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }

    public static int[] ints(JsonNode array) {
        int[] v = new int[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asInt();
        }
        return v;
    }

    /**
     * Asserts elementwise closeness: {@code |actual - expected| <= rtol * (|expected| + floor)},
     * where the floor is 1 % of the reference tensor's largest magnitude. A pure relative test is
     * meaningless for the entries that cancel to (nearly) zero, whose float32 rounding depends on
     * the summation order; the floor keeps those at the same relative accuracy as the tensor.
     */
    public static void assertClose(String what, Tensor expected, Tensor actual, double rtol) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()),
                what + ": shape");
        assertClose(what, expected.data(), actual.data(), rtol);
    }

    public static void assertClose(String what, float[] expected, float[] actual, double rtol) {
        assertEquals(expected.length, actual.length, what + ": length");
        double maxAbs = 0;
        for (float e : expected) {
            maxAbs = Math.max(maxAbs, Math.abs(e));
        }
        double floor = 0.01 * maxAbs;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            if (!(err <= rtol * (Math.abs(expected[i]) + floor))) {
                fail(what + ": element " + i + " expected " + expected[i] + " got " + actual[i]
                        + " (relative error " + err / Math.max(Math.abs(expected[i]), 1e-30) + ", tolerance " + rtol + ")");
            }
        }
    }

    public static void assertClose(String what, double expected, double actual, double rtol) {
        if (!(Math.abs(actual - expected) <= rtol * Math.abs(expected))) {
            fail(what + ": expected " + expected + " got " + actual);
        }
    }
}
