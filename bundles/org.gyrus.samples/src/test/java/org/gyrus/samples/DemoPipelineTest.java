package org.gyrus.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeType;
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

    /** A node type that only describes itself: enough to build and validate the recipe without its bundle. */
    private static NodeType described(NodeDescriptor d) {
        return new NodeType() {
            @Override
            public NodeDescriptor descriptor() {
                return d;
            }

            @Override
            public void execute(NodeContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void withTheDiffusionNodesTheDemoTrainsADenoiserAndComparesItOnAHeldOutSubject() {
        NodeRegistry registry = new NodeRegistry();
        registry.add(new CohortNode(), "org.gyrus.samples", "0.1.0");
        registry.add(described(NodeDescriptor.builder(DemoPipeline.TRAIN_DIFFUSION, "1.0.0").name("train")
                .optionalInput("volumes", VolumeSet.class, "").optionalInput("mask", Volume.class, "")
                .output("model", ModelArtifact.class, "").output("heldOut", VolumeSet.class, "").output("report", Report.class, "").build()),
                "org.gyrus.diffusion", "0.1.0");
        registry.add(described(NodeDescriptor.builder(DemoPipeline.EVALUATE_DENOISERS, "1.0.0").name("evaluate")
                .optionalInput("volumes", VolumeSet.class, "").optionalInput("model", ModelArtifact.class, "")
                .output("summary", Table.class, "").output("report", Report.class, "").output("denoised", Volume.class, "").build()),
                "org.gyrus.diffusion", "0.1.0");
        Pipeline p = new DemoPipeline().build(registry, Path.of("out"));
        assertEquals(List.of("cohort", "diffusion", "denoisers"), p.nodes().stream().map(Pipeline.Node::id).toList());
        assertEquals(1, p.nodes().get(1).parameters().get("holdOut"));
        assertEquals(List.of("cohort.volumes->diffusion.volumes", "cohort.mask->diffusion.mask", "diffusion.heldOut->denoisers.volumes",
                "diffusion.model->denoisers.model"), p.edges().stream()
                .map(e -> e.fromNode() + "." + e.output() + "->" + e.toNode() + "." + e.input()).toList());
        // the parameters are validated against the real node types by the in-OSGi DiffusionInOsgiTest
    }

    @Test
    void withoutTheCohortThereIsNoDemo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new DemoPipeline().build(new NodeRegistry(), Path.of("out")));
        assertEquals("The demo needs the node type org.gyrus.samples.cohort, which is not installed", e.getMessage());
    }
}
