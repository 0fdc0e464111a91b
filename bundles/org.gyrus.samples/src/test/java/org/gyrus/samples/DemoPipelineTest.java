package org.gyrus.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineValidator;
import org.junit.jupiter.api.Test;

/** The demo pipeline the samples bundle contributes, built from what is installed. */
class DemoPipelineTest {

    @Test
    void withOnlyTheCohortTheDemoIsTheCohortAndValidates() {
        NodeRegistry registry = new NodeRegistry();
        registry.add(new CohortNode(), "org.gyrus.samples", "0.1.0");
        DemoPipeline demo = new DemoPipeline();
        assertEquals("demo", demo.name());
        Pipeline p = demo.build(registry, Path.of("out"));
        assertEquals(List.of("cohort"), p.nodes().stream().map(Pipeline.Node::id).toList());
        assertEquals(Map.of("subjects", 48, "size", 48), p.nodes().get(0).parameters());
        assertEquals(List.of(), new PipelineValidator(registry).validate(p, Map.of()));
    }

    @Test
    void withoutTheCohortThereIsNoDemo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new DemoPipeline().build(new NodeRegistry(), Path.of("out")));
        assertEquals("The demo needs the node type org.gyrus.samples.cohort, which is not installed", e.getMessage());
    }
}
