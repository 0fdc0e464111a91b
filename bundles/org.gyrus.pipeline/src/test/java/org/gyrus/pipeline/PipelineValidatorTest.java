package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PipelineValidatorTest {

    private final NodeRegistry registry = FakeNode.registry(FakeNode.source("1.3.0"), FakeNode.add(), FakeNode.text());
    private final PipelineValidator validator = new PipelineValidator(registry);

    private static Pipeline chain() {
        return Pipeline.named("chain")
                .withNode(Pipeline.Node.of("a", "test.source", "1.0.0", Map.of("amount", 2)))
                .withNode(Pipeline.Node.of("b", "test.add", "1.0.0", Map.of()))
                .withEdge("a", "value", "b", "value");
    }

    private List<ValidationError> errors(Pipeline p) {
        return validator.validate(p, Map.of());
    }

    private static ValidationError only(List<ValidationError> errors) {
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0);
    }

    @Test
    void aCorrectPipelineHasNoErrorsAndRunsOnTheNewestCompatibleVersion() throws Exception {
        assertEquals(List.of(), errors(chain()));
        Plan plan = validator.plan(chain(), Map.of());
        assertEquals(List.of("a", "b"), plan.steps().stream().map(Plan.Step::id).toList());
        assertEquals(new NodeVersion(1, 3, 0), plan.step("a").node().version());
        assertEquals(2.0, plan.step("a").parameters().get("amount"));
    }

    @Test
    void unknownNodeTypeNamesTypeAndVersion() {
        ValidationError e = only(errors(chain().withNode(Pipeline.Node.of("x", "org.example.smooth", "2.1.0", Map.of()))));
        assertEquals("x", e.node());
        assertEquals("type", e.field());
        assertTrue(e.message().contains("org.example.smooth 2.1.0 is not installed"), e.message());
    }

    @Test
    void versionNewerThanInstalled() {
        ValidationError e = only(errors(chain().withNode(Pipeline.Node.of("a", "test.source", "1.4.0", Map.of()))));
        assertEquals("a", e.node());
        assertEquals("version", e.field());
        assertTrue(e.message().contains("written for test.source 1.4.0, newer than the installed version [1.3.0]"), e.message());
    }

    @Test
    void otherMajorVersionIsIncompatible() {
        ValidationError e = only(errors(chain().withNode(Pipeline.Node.of("a", "test.source", "2.0.0", Map.of()))));
        assertEquals("version", e.field());
        assertTrue(e.message().contains("incompatible major version"), e.message());
    }

    @Test
    void incompatiblePortTypes() {
        Pipeline p = Pipeline.named("p").withNode(Pipeline.Node.of("t", "test.text", "1.0.0", Map.of()))
                .withNode(Pipeline.Node.of("b", "test.add", "1.2.0", Map.of())).withEdge("t", "text", "b", "value");
        ValidationError e = only(errors(p));
        assertEquals("b", e.node());
        assertEquals("inputs.value", e.field());
        assertTrue(e.message().contains("takes a Double but is connected to 't.text', which gives a String"), e.message());
    }

    @Test
    void cycleNamesItsNodes() {
        Pipeline p = chain().withNode(Pipeline.Node.of("c", "test.add", "1.2.0", Map.of()))
                .withNode(Pipeline.Node.of("d", "test.add", "1.2.0", Map.of()))
                .withEdge("b", "value", "c", "value").withEdge("c", "value", "d", "value").withEdge("d", "value", "c", "other");
        ValidationError e = only(errors(p));
        assertEquals("edges", e.field());
        assertTrue(e.message().contains("c -> d -> c") || e.message().contains("d -> c -> d"), e.message());
    }

    @Test
    void requiredInputUnconnected() {
        ValidationError e = only(errors(chain().withNode(Pipeline.Node.of("c", "test.add", "1.2.0", Map.of()))));
        assertEquals("c", e.node());
        assertEquals("inputs.value", e.field());
        assertTrue(e.message().contains("required input 'value' (Double) is not connected"), e.message());
    }

    @Test
    void twoEdgesIntoOneInput() {
        Pipeline p = chain().withNode(Pipeline.Node.of("a2", "test.source", "1.0.0", Map.of())).withEdge("a2", "value", "b", "value");
        ValidationError e = only(errors(p));
        assertEquals("b", e.node());
        assertEquals("inputs.value", e.field());
        assertTrue(e.message().contains("two edges, from 'a.value' and from 'a2.value'"), e.message());
    }

    @Test
    void parameterOfWrongTypeOutsideRangeOrNotAChoice() {
        Pipeline p = chain().withParameter("a", "amount", "lots").withParameter("b", "amount", 250)
                .withParameter("b", "mode", "divide").withParameter("b", "delayMs", 1.5).withParameter("b", "colour", "red");
        List<ValidationError> errors = errors(p);
        assertEquals(5, errors.size(), errors::toString);
        assertEquals(List.of("a:parameters.amount", "b:parameters.amount", "b:parameters.mode", "b:parameters.delayMs",
                "b:parameters.colour"), errors.stream().map(e -> e.node() + ":" + e.field()).toList());
        assertTrue(errors.get(0).message().contains("'lots' is not valid: expected a number"), errors.get(0).message());
        assertTrue(errors.get(1).message().contains("must be at most 100"), errors.get(1).message());
        assertTrue(errors.get(2).message().contains("expected one of [add, multiply]"), errors.get(2).message());
        assertTrue(errors.get(3).message().contains("expected a whole number"), errors.get(3).message());
        assertTrue(errors.get(4).message().contains("has no parameter 'colour'"), errors.get(4).message());
    }

    @Test
    void undefinedVariable() {
        ValidationError e = only(errors(chain().withParameter("b", "label", "sub-${subject}")));
        assertEquals("b", e.node());
        assertEquals("parameters.label", e.field());
        assertTrue(e.message().contains("variable 'subject', which is not defined"), e.message());
    }

    @Test
    void variablesSubstituteWithTheirTypeAndOverridesApply() throws Exception {
        Pipeline p = chain().withVariable(new Pipeline.Variable("gain", Pipeline.VariableType.NUMBER, 3, ""))
                .withVariable(new Pipeline.Variable("subject", Pipeline.VariableType.STRING, "sub-01", ""))
                .withParameter("b", "amount", "${gain}").withParameter("b", "label", "$${literal} ${subject}/anat");
        Plan plan = validator.plan(p, Map.of("gain", "7.5"));
        assertEquals(7.5, plan.step("b").parameters().get("amount"));
        assertEquals("${literal} sub-01/anat", plan.step("b").parameters().get("label"));
        List<ValidationError> errors = validator.validate(p, Map.of("gain", "x", "nope", "1"));
        assertEquals(List.of("variables.nope", "variables.gain"), errors.stream().map(ValidationError::field).toList());
    }

    @Test
    void allErrorsAreReportedAtOnce() {
        Pipeline p = chain().withNode(Pipeline.Node.of("x", "org.example.smooth", "2.1.0", Map.of()))
                .withNode(Pipeline.Node.of("c", "test.add", "1.2.0", Map.of("amount", -1)))
                .withParameter("a", "mode", "${nothing}");
        assertEquals(4, errors(p).size(), () -> errors(p).toString());
    }
}
