package org.gyrus.preprocess.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.pipeline.RunResult;
import org.gyrus.preprocess.ModelArtifacts;
import org.gyrus.preprocess.ScalerModel;
import org.junit.jupiter.api.Test;

/** The example pipeline file in testdata runs with the engine, fitting on train and applying to test. */
class PipelineFileTest {

    /** A test-only source of the penguins table (the I/O bundle's CSV reader is not a dependency). */
    static final class PenguinsSource implements NodeType {
        @Override
        public NodeDescriptor descriptor() {
            return NodeDescriptor.builder("test.penguins", "1.0.0").name("Penguins").category("Test")
                    .output("table", Table.class, "The penguins table").build();
        }

        @Override
        public void execute(NodeContext context) {
            context.output("table", org.gyrus.preprocess.PenguinsAccess.table());
        }
    }

    @Test
    void examplePipelineRuns() throws Exception {
        NodeRegistry registry = new NodeRegistry();
        registry.add(new PenguinsSource(), "test", "1.0.0");
        for (NodeType t : List.of(new SimpleImputerNode(), new OneHotEncoderNode(), new StandardScalerNode(), new ApplyModelNode(),
                new TrainTestSplitNode())) {
            registry.add(t, "org.gyrus.preprocess", "0.1.0");
        }
        Pipeline p = PipelineFile.read(Path.of("testdata", "penguins-preprocess.gyrus.json"));
        RunResult r = Executor.builder(registry).threads(2).build().run(p, Map.of("testFraction", "0.2"));
        assertTrue(r.succeeded(), r::toString);
        Table train = (Table) r.outputs("scale").get("table");
        Table test = (Table) r.outputs("test_scale").get("table");
        assertEquals(344, train.rowCount() + test.rowCount());
        assertEquals(69, test.rowCount()); // ceil(0.2 × 344)
        assertEquals(train.columnNames(), test.columnNames());
        assertTrue(test.columnNames().containsAll(List.of("island_Biscoe", "sex_female", "sex_male")));
        assertFalse(test.columnNames().contains("sex___missing__")); // imputed before encoding
        assertEquals(0, test.missingCount() - test.column("species").missingCount());
        // The test rows are scaled with the training mean: the model's offset is the training mean.
        ScalerModel scaler = (ScalerModel) ModelArtifacts.fromArtifact((ModelArtifact) r.outputs("scale").get("model"));
        Table trainImputed = (Table) r.outputs("impute").get("table");
        double mean = 0;
        for (int i = 0; i < trainImputed.rowCount(); i++) {
            mean += trainImputed.numeric("body_mass_g").get(i);
        }
        assertEquals(mean / trainImputed.rowCount(), scaler.offset()[3], 1e-9);
    }
}
