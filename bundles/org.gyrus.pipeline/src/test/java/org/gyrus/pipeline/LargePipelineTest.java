package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Validation of pipelines far larger than anyone draws by hand (generated ones): the results are
 * right, including the cycle report on a cycle through every node. Its speed is measured by
 * {@link ValidationBenchmark}, not here.
 */
class LargePipelineTest {

    static final int NODES = 50_000;

    /** A chain of {@code n} nodes, closed into a cycle when {@code closeCycle}. */
    static Pipeline chain(int n, boolean closeCycle) {
        List<Pipeline.Node> nodes = new ArrayList<>(n);
        List<Pipeline.Edge> edges = new ArrayList<>(n);
        nodes.add(Pipeline.Node.of("n0", closeCycle ? "test.add" : "test.source", closeCycle ? "1.2.0" : "1.0.0", Map.of()));
        for (int i = 1; i < n; i++) {
            nodes.add(Pipeline.Node.of("n" + i, "test.add", "1.2.0", Map.of("amount", 1)));
            edges.add(new Pipeline.Edge("n" + (i - 1), "value", "n" + i, "value"));
        }
        if (closeCycle) {
            edges.add(new Pipeline.Edge("n" + (n - 1), "value", "n0", "value"));
        }
        return new Pipeline("large", "", 1, List.of(), nodes, edges, Map.of());
    }

    private final PipelineValidator validator = new PipelineValidator(FakeNode.registry(FakeNode.source("1.0.0"), FakeNode.add()));

    @Test
    void aLongChainPlansInOrder() throws Exception {
        Plan plan = validator.plan(chain(NODES, false), Map.of());
        assertEquals(NODES, plan.steps().size());
        assertEquals("n0", plan.steps().get(0).id());
        assertEquals("n" + (NODES - 1), plan.steps().get(NODES - 1).id());
        assertEquals(List.of("n2"), plan.step("n1").downstream());
    }

    @Test
    void aCycleThroughEveryNodeIsReportedWithItsNodes() {
        List<ValidationError> errors = validator.validate(chain(NODES, true), Map.of());
        assertEquals(1, errors.size());
        String m = errors.get(0).message();
        assertTrue(m.startsWith("the edges form a cycle: n1 -> n2 -> n3"), m.substring(0, 80));
        assertTrue(m.contains("n" + (NODES - 1) + " -> n0 -> n1; a node cannot"), m.substring(m.length() - 80));
        assertEquals(NODES + 1, m.split(" -> ").length);
    }

    @Test
    void manyBrokenEdgesAreAllReportedInFileOrder() {
        Pipeline p = chain(NODES, false);
        List<Pipeline.Edge> edges = new ArrayList<>(p.edges());
        for (int i = NODES - 999; i > 0; i -= 1000) {
            edges.add(new Pipeline.Edge("n" + (i - 1), "nothing", "n" + i, "other"));
        }
        List<ValidationError> errors = validator.validate(new Pipeline("bad", "", 1, List.of(), p.nodes(), edges, Map.of()), Map.of());
        assertEquals(NODES / 1000, errors.size());
        assertEquals("n0, n" + (NODES - 1000), errors.get(0).node() + ", " + errors.get(errors.size() - 1).node());
    }
}
