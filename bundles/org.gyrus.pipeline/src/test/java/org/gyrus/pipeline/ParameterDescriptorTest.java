package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.plugin.Parameter;

class ParameterDescriptorTest {

    enum Strategy { MEAN, MEDIAN, MOST_FREQUENT }

    public static final class Params {
        @Parameter(label = "Neighbours", description = "How many neighbours vote", min = "1", max = "50", style = "slider")
        public int neighbours = 5;
        @Parameter(label = "Tolerance", min = "0", stepSize = "0.001")
        public double tolerance = 1e-3;
        @Parameter(description = "Imputation strategy")
        public Strategy strategy = Strategy.MEAN;
        @Parameter(label = "Weights", choices = {"uniform", "distance"})
        public String weights = "uniform";
        @Parameter(label = "Output", style = "save")
        public Path output;
        @Parameter(label = "Layers", min = "1")
        public int[] layers = {256, 32};
        @Parameter(label = "Whiten")
        public boolean whiten;
        public int notAParameter = 3;
    }

    private static ParameterDescriptor param(String name) {
        return ParameterDescriptor.readAll(Params.class).stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void readsEveryAnnotatedFieldInDeclarationOrder() {
        List<String> names = ParameterDescriptor.readAll(Params.class).stream().map(ParameterDescriptor::name).toList();
        assertEquals(List.of("neighbours", "tolerance", "strategy", "weights", "output", "layers", "whiten"), names);
    }

    @Test
    void readsEveryAttribute() {
        ParameterDescriptor n = param("neighbours");
        assertEquals("Neighbours", n.label());
        assertEquals("How many neighbours vote", n.description());
        assertEquals(int.class, n.type());
        assertEquals(5, n.defaultValue());
        assertEquals(1.0, n.min());
        assertEquals(50.0, n.max());
        assertEquals("slider", n.style());
        assertFalse(n.required());
        assertTrue(Double.isNaN(param("tolerance").max()));
        assertEquals(0.001, param("tolerance").stepSize());
        assertTrue(Double.isNaN(n.stepSize()));
        assertEquals("strategy", param("strategy").label(), "the name serves when there is no label");
        assertEquals(List.of("MEAN", "MEDIAN", "MOST_FREQUENT"), param("strategy").choices());
        assertEquals(List.of("uniform", "distance"), param("weights").choices());
        assertTrue(param("output").required(), "a parameter without a default must be given");
        assertEquals("save", param("output").style());
        assertArrayEquals(new int[] {256, 32}, (int[]) param("layers").defaultValue());
        assertEquals(false, param("whiten").defaultValue());
    }

    @Test
    void convertsFileAndCommandLineValues() {
        assertEquals(7, param("neighbours").convert(7.0));
        assertEquals(7, param("neighbours").convert("7"));
        assertEquals(Strategy.MEDIAN, param("strategy").convert("median"));
        assertEquals(Path.of("/tmp/x.nii"), param("output").convert("/tmp/x.nii"));
        assertArrayEquals(new int[] {128, 16}, (int[]) param("layers").convert(List.of(128, 16)));
        assertArrayEquals(new int[] {64, 8}, (int[]) param("layers").convert("64, 8"));
        assertEquals(true, param("whiten").convert("true"));
    }

    @Test
    void rejectsValuesOutsideTheirTypeRangeOrChoicesNamingTheParameter() {
        assertMessage(() -> param("neighbours").convert(0), "Parameter 'neighbours': '0' is not valid: must be at least 1");
        assertMessage(() -> param("neighbours").convert(51), "must be at most 50");
        assertMessage(() -> param("neighbours").convert(2.5), "expected a whole number");
        assertMessage(() -> param("tolerance").convert("abc"), "expected a number");
        assertMessage(() -> param("tolerance").convert(Double.NaN), "NaN is not a valid value");
        assertMessage(() -> param("weights").convert("cosine"), "expected one of [uniform, distance]");
        assertMessage(() -> param("strategy").convert("mode"), "expected one of [MEAN, MEDIAN, MOST_FREQUENT]");
        assertMessage(() -> param("whiten").convert("yes"), "expected true or false");
        assertMessage(() -> param("layers").convert(List.of(8, 0)), "must be at least 1");
    }

    @Test
    void resolvesDefaultsAndBindsIntoTheParametersClass() {
        ParameterValues v = ParameterValues.resolve(ParameterDescriptor.readAll(Params.class),
                Map.of("neighbours", 9, "output", "out.nii"));
        Params p = v.bind(Params.class);
        assertEquals(9, p.neighbours);
        assertEquals(1e-3, p.tolerance);
        assertEquals(Path.of("out.nii"), p.output);
        assertArrayEquals(new int[] {256, 32}, p.layers);
        assertMessage(() -> ParameterValues.resolve(ParameterDescriptor.readAll(Params.class), Map.of()),
                "Parameter 'output' needs a value");
        assertMessage(() -> ParameterValues.resolve(ParameterDescriptor.readAll(Params.class), Map.of("output", "x", "k", 3)),
                "There is no parameter 'k'");
    }

    public static final class BadType {
        @Parameter
        public Object anything = new Object();
    }

    @Test
    void refusesUnsupportedFieldTypes() {
        assertMessage(() -> ParameterDescriptor.readAll(BadType.class), "has type Object");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String part) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }
}
