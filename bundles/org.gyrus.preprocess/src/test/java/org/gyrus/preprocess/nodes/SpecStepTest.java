package org.gyrus.preprocess.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.DataSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.ModelSpec;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.pipeline.PipelineSpecs;
import org.gyrus.pipeline.PipelineValidator;
import org.gyrus.pipeline.RunResult;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.pipeline.ValidationError;
import org.gyrus.preprocess.PenguinsAccess;
import org.junit.jupiter.api.Test;

/**
 * The spec steps of the preprocessing nodes: what validation finds before anything runs, and
 * that every spec they compute agrees with the table the run then produces.
 */
class SpecStepTest {

    /** The penguins table, with its spec known (as a cohort or a read table header gives it) unless 'unknown'. */
    static final class Penguins implements NodeType {
        private final boolean known;

        Penguins(boolean known) {
            this.known = known;
        }

        @Override
        public NodeDescriptor descriptor() {
            return NodeDescriptor.builder("test.penguins", "1.0.0").output("table", Table.class, "").build();
        }

        @Override
        public void configure(SpecContext context) {
            if (known) {
                context.output("table", TableSpec.of(PenguinsAccess.table()));
            }
        }

        @Override
        public void execute(NodeContext context) {
            context.output("table", PenguinsAccess.table());
        }
    }

    /** Fits a model of another bundle's kind: a PCA, as org.gyrus.reduce.pca does. */
    static final class PcaLike implements NodeType {
        @Override
        public NodeDescriptor descriptor() {
            return NodeDescriptor.builder("test.pca", "1.0.0").input("table", Table.class, "")
                    .output("model", ModelArtifact.class, "").build();
        }

        @Override
        public void configure(SpecContext context) {
            context.output("model", ModelSpec.ofKind("org.gyrus.reduce.pca"));
        }

        @Override
        public void execute(NodeContext context) {
            context.output("model", ModelArtifact.builder("org.gyrus.reduce.pca").metadata("method", "pca").build());
        }
    }

    private static NodeRegistry registry(boolean known) {
        NodeRegistry registry = new NodeRegistry();
        registry.add(new Penguins(known), "test", "1.0.0");
        registry.add(new PcaLike(), "test", "1.0.0");
        for (NodeType t : List.of(new SimpleImputerNode(), new OneHotEncoderNode(), new StandardScalerNode(), new ApplyModelNode(),
                new TrainTestSplitNode(), new KFoldSplitNode(), new SelectColumnsNode(), new OrdinalEncoderNode(), new JoinNode(),
                new KnnImputerNode(), new IterativeImputerNode(), new MinMaxScalerNode(), new RobustScalerNode(), new VarianceThresholdNode())) {
            registry.add(t, "org.gyrus.preprocess", "0.1.0");
        }
        return registry;
    }

    private static Pipeline example() throws Exception {
        return PipelineFile.read(Path.of("testdata", "penguins-preprocess.gyrus.json"));
    }

    private static List<String> where(List<ValidationError> errors) {
        return errors.stream().map(e -> e.node() + ":" + e.field()).toList();
    }

    @Test
    void theExampleValidatesAndEverySpecAgreesWithWhatTheRunProduces() throws Exception {
        Pipeline p = example()
                .withNode(Pipeline.Node.of("folds", "org.gyrus.preprocess.k-fold-split", "1.0.0", Map.of("folds", 3, "mode", "GROUPED",
                        "groupColumn", "island")))
                .withEdge("data", "table", "folds", "table")
                .withNode(Pipeline.Node.of("ordinal", "org.gyrus.preprocess.ordinal-encoder", "1.0.0", Map.of()))
                .withEdge("split", "train", "ordinal", "table")
                .withNode(Pipeline.Node.of("indicators", "org.gyrus.preprocess.simple-imputer", "1.0.0", Map.of("addIndicator", true)))
                .withEdge("split", "train", "indicators", "table")
                .withNode(Pipeline.Node.of("select", "org.gyrus.preprocess.select-columns", "1.0.0", Map.of("types", "numeric",
                        "roles", "feature")))
                .withEdge("test_scale", "table", "select", "table")
                .withNode(Pipeline.Node.of("join", "org.gyrus.preprocess.join", "1.0.0", Map.of("leftKey", "species", "rightKey", "species",
                        "how", "INNER")))
                .withEdge("data", "table", "join", "left")
                .withNode(Pipeline.Node.of("species", "org.gyrus.preprocess.select-columns", "1.0.0", Map.of("names", "species, island")))
                .withEdge("indicators", "table", "species", "table")
                .withEdge("species", "table", "join", "right");
        NodeRegistry registry = registry(true);
        PipelineSpecs specs = new PipelineValidator(registry).specs(p, Map.of("testFraction", "0.2"));
        assertEquals(List.of(), specs.errors());
        RunResult r = Executor.builder(registry).threads(2).build().run(p, Map.of("testFraction", "0.2"));
        // The join needs one row per species on the right: it fails at run time, as no spec can know.
        assertEquals(List.of("join"), r.failures().stream().map(NodeOutcome::node).toList(), r::toString);
        int checked = 0;
        for (NodeOutcome o : r.nodes()) {
            for (Map.Entry<String, Object> out : r.outputs(o.node()).entrySet()) {
                if (out.getValue() instanceof Table actual) {
                    DataSpec spec = specs.output(o.node(), out.getKey()).orElseThrow(() -> new AssertionError(o.node() + "." + out.getKey()
                            + " has no spec"));
                    assertAgrees((TableSpec) spec, actual, o.node() + "." + out.getKey());
                    checked++;
                }
            }
        }
        assertEquals(18, checked);
        // What a front end is told arrives at the test scaler: the one-hot columns are named only at run time.
        TableSpec atScale = (TableSpec) specs.input("test_scale", "table").orElseThrow();
        assertFalse(atScale.complete());
        assertTrue(atScale.columnNames().containsAll(List.of("species", "bill_length_mm", "body_mass_g")), atScale.describe());
        assertFalse(atScale.columnNames().contains("island"), atScale.describe());
        assertEquals(ColumnSpec.Kind.NUMERIC, ((TableSpec) specs.output("ordinal", "table").orElseThrow()).column("sex").orElseThrow().kind());
    }

    /** Every column of the actual table is allowed by the spec with its kind and role. */
    private static void assertAgrees(TableSpec spec, Table actual, String where) {
        for (Column c : actual.columns()) {
            var s = spec.column(c.name());
            if (s.isEmpty()) {
                assertFalse(spec.complete(), where + ": column " + c.name() + " arrived but the complete spec " + spec.describe() + " lacks it");
                continue;
            }
            assertTrue(s.get().mayBe(ColumnSpec.Kind.of(c)), where + ": " + c.name() + " is " + ColumnSpec.Kind.of(c) + ", spec " + s.get());
            assertEquals(c.role(), s.get().role(), where + ": role of " + c.name());
        }
    }

    @Test
    void misspeltColumnsAreFoundBeforeAnythingRuns() throws Exception {
        Pipeline p = example().withParameter("impute", "columns", "bill_length_mm, body_mas_g")
                .withParameter("split", "labelColumn", "specie");
        List<ValidationError> errors = new PipelineValidator(registry(true)).validate(p, Map.of());
        assertEquals(List.of("split:parameters.labelColumn", "impute:parameters.columns"), where(errors));
        assertTrue(errors.get(0).message().startsWith("the label column 'specie' is not a column of the table; its columns are [species, "),
                errors.get(0).message());
        assertTrue(errors.get(1).message().startsWith("the table has no column 'body_mas_g'"), errors.get(1).message());
    }

    @Test
    void aColumnAfterAOneHotEncoderCannotBeRuledOutButOneBeforeCan() throws Exception {
        // After encoding, columns named after categories arrive: 'island_Dream' cannot be checked, 'nonsense' neither.
        Pipeline after = example().withParameter("scale", "columns", "island_Dream, nonsense");
        assertEquals(List.of(), new PipelineValidator(registry(true)).validate(after, Map.of()));
        Pipeline before = example().withParameter("encode", "columns", "island, nonsense");
        assertEquals(List.of("encode:parameters.columns"), where(new PipelineValidator(registry(true)).validate(before, Map.of())));
    }

    @Test
    void aPcaModelFedToApplyIsFoundBeforeRunningAndRefusedClearlyAtRunTime() throws Exception {
        Pipeline p = example().withNode(Pipeline.Node.of("pca", "test.pca", "1.0.0", Map.of()))
                .withNode(Pipeline.Node.of("wrong", "org.gyrus.preprocess.apply", "1.0.0", Map.of()))
                .withEdge("split", "train", "pca", "table").withEdge("pca", "model", "wrong", "model")
                .withEdge("split", "test", "wrong", "table");
        List<ValidationError> errors = new PipelineValidator(registry(true)).validate(p, Map.of());
        assertEquals(List.of("wrong:inputs.model"), where(errors));
        assertTrue(errors.get(0).message().contains("but is connected to a org.gyrus.reduce.pca model"), errors.get(0).message());

        // With the spec of the data unknown, the model's kind is still known; at run time the message is as clear.
        NodeRegistry noSpecs = new NodeRegistry();
        noSpecs.add(new Penguins(true), "test", "1.0.0");
        noSpecs.add(new NodeType() {
            @Override
            public NodeDescriptor descriptor() {
                return new PcaLike().descriptor();
            }

            @Override
            public void execute(NodeContext context) throws Exception {
                new PcaLike().execute(context);
            }
        }, "test", "1.0.0");
        noSpecs.add(new ApplyModelNode(), "org.gyrus.preprocess", "0.1.0");
        noSpecs.add(new TrainTestSplitNode(), "org.gyrus.preprocess", "0.1.0");
        Pipeline small = Pipeline.named("small").withNode(Pipeline.Node.of("data", "test.penguins", "1.0.0", Map.of()))
                .withNode(Pipeline.Node.of("pca", "test.pca", "1.0.0", Map.of()))
                .withNode(Pipeline.Node.of("wrong", "org.gyrus.preprocess.apply", "1.0.0", Map.of()))
                .withEdge("data", "table", "pca", "table").withEdge("pca", "model", "wrong", "model").withEdge("data", "table", "wrong", "table");
        RunResult r = Executor.builder(noSpecs).build().run(small, Map.of());
        String message = r.failures().get(0).reason();
        assertTrue(message.contains("needs a fitted preprocessing model") && message.contains("but the model is a org.gyrus.reduce.pca model"),
                message);
    }

    @Test
    void unknownSpecsPropagateWithoutFalseErrors() throws Exception {
        Pipeline p = example().withParameter("impute", "columns", "whatever").withParameter("split", "labelColumn", "nothing");
        assertEquals(List.of(), new PipelineValidator(registry(false)).validate(p, Map.of()));
    }

    @Test
    void parameterProblemsThatNeedNoDataAreFoundToo() throws Exception {
        Pipeline p = example()
                .withNode(Pipeline.Node.of("folds", "org.gyrus.preprocess.k-fold-split", "1.0.0", Map.of("folds", 3, "fold", 3)))
                .withEdge("data", "table", "folds", "table")
                .withNode(Pipeline.Node.of("select", "org.gyrus.preprocess.select-columns", "1.0.0", Map.of("roles", "features",
                        "pattern", "bill_(")))
                .withEdge("data", "table", "select", "table");
        List<ValidationError> errors = new PipelineValidator(registry(false)).validate(p, Map.of());
        assertEquals(List.of("folds:parameters.fold", "select:parameters.roles", "select:parameters.pattern"), where(errors));
    }
}
