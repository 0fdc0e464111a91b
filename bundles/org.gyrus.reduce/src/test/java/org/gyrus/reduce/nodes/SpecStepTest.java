package org.gyrus.reduce.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FeatureSpec;
import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.data.TextColumn;
import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineSpecs;
import org.gyrus.pipeline.PipelineValidator;
import org.gyrus.pipeline.RunResult;
import org.gyrus.pipeline.SpecContext;
import org.gyrus.pipeline.ValidationError;
import org.junit.jupiter.api.Test;

/** The spec steps of the reduction nodes: problems found before running, specs that agree with the run. */
class SpecStepTest {

    /** 30 rows: an id, numeric features a, b, c (and d when 'wide'), a label. */
    static final class Samples implements NodeType {
        private final String id;
        private final boolean wide;

        Samples(String id, boolean wide) {
            this.id = id;
            this.wide = wide;
        }

        @Override
        public NodeDescriptor descriptor() {
            return NodeDescriptor.builder(id, "1.0.0").output("table", Table.class, "").build();
        }

        @Override
        public void configure(SpecContext context) {
            context.output("table", TableSpec.of(table()));
        }

        @Override
        public void execute(NodeContext context) {
            context.output("table", table());
        }

        Table table() {
            SplittableRandom r = new SplittableRandom(3);
            int n = 30;
            String[] ids = new String[n];
            String[] labels = new String[n];
            double[][] f = new double[4][n];
            for (int i = 0; i < n; i++) {
                ids[i] = "s" + i;
                labels[i] = i % 2 == 0 ? "x" : "y";
                for (int j = 0; j < 4; j++) {
                    f[j][i] = r.nextGaussian() + j * (i % 3);
                }
            }
            Table t = Table.of(new TextColumn("id", ColumnRole.ID, ids), NumericColumn.wrap("a", ColumnRole.FEATURE, f[0]),
                    NumericColumn.wrap("b", ColumnRole.FEATURE, f[1]), NumericColumn.wrap("c", ColumnRole.FEATURE, f[2]),
                    new TextColumn("label", ColumnRole.LABEL, labels));
            return wide ? t.with(NumericColumn.wrap("d", ColumnRole.FEATURE, f[3])) : t;
        }
    }

    private final NodeRegistry registry = new NodeRegistry();

    SpecStepTest() {
        registry.add(new Samples("test.samples", false), "test", "1");
        registry.add(new Samples("test.wide", true), "test", "1");
        for (NodeType t : List.of(new PcaFitNode(), new PcaApplyNode(), new PcaInverseNode(), new AutoencoderFitNode(),
                new AutoencoderEncodeNode(), new AutoencoderReconstructNode())) {
            registry.add(t, "org.gyrus.reduce", "0.1.0");
        }
    }

    private static Pipeline pipeline() {
        return Pipeline.named("reduce")
                .withNode(Pipeline.Node.of("data", "test.samples", "1.0.0", Map.of()))
                .withNode(Pipeline.Node.of("pca", "org.gyrus.reduce.pca", "1.0.0", Map.of("components", 2)))
                .withNode(Pipeline.Node.of("apply", "org.gyrus.reduce.pca-apply", "1.0.0", Map.of()))
                .withNode(Pipeline.Node.of("inverse", "org.gyrus.reduce.pca-inverse", "1.0.0", Map.of()))
                .withNode(Pipeline.Node.of("ae", "org.gyrus.reduce.autoencoder", "1.0.0", Map.of("layers", "4,2", "epochs", 2)))
                .withNode(Pipeline.Node.of("encode", "org.gyrus.reduce.autoencoder-encode", "1.0.0", Map.of()))
                .withNode(Pipeline.Node.of("reconstruct", "org.gyrus.reduce.autoencoder-reconstruct", "1.0.0", Map.of()))
                .withEdge("data", "table", "pca", "table").withEdge("data", "table", "pca", "labels")
                .withEdge("pca", "model", "apply", "model").withEdge("data", "table", "apply", "table")
                .withEdge("pca", "model", "inverse", "model").withEdge("apply", "scores", "inverse", "scores")
                .withEdge("pca", "scores", "ae", "features").withEdge("ae", "model", "encode", "model")
                .withEdge("apply", "scores", "encode", "features").withEdge("ae", "model", "reconstruct", "model")
                .withEdge("pca", "scores", "reconstruct", "features");
    }

    private List<String> problems(Pipeline p) {
        return new PipelineValidator(registry).validate(p, Map.of()).stream().map(e -> e.node() + ":" + e.field()).toList();
    }

    @Test
    void everySpecAgreesWithTheRun() throws Exception {
        PipelineSpecs specs = new PipelineValidator(registry).specs(pipeline(), Map.of());
        assertEquals(List.of(), specs.errors());
        RunResult r = Executor.builder(registry).threads(1).build().run(pipeline(), Map.of());
        assertTrue(r.succeeded(), r::toString);
        int checked = 0;
        for (NodeOutcome o : r.nodes()) {
            for (Map.Entry<String, Object> out : r.outputs(o.node()).entrySet()) {
                var spec = specs.output(o.node(), out.getKey());
                if (out.getValue() instanceof FeatureMatrix m) {
                    assertEquals(m.featureNames(), ((FeatureSpec) spec.orElseThrow()).names(), o.node() + "." + out.getKey());
                    checked++;
                } else if (out.getValue() instanceof Table t) {
                    assertEquals(TableSpec.of(t), spec.orElseThrow(), o.node() + "." + out.getKey());
                    checked++;
                }
            }
        }
        assertEquals(13, checked);
        assertEquals(List.of("id", "PC1", "PC2", "label"), ((TableSpec) specs.output("pca", "latent").orElseThrow()).columnNames());
    }

    @Test
    void bothOrNeitherSampleInputIsFound() {
        assertEquals(List.of("ae:inputs"), problems(pipeline().withEdge("data", "table", "ae", "table")));
        Pipeline neither = pipeline().withNode(Pipeline.Node.of("lonely", "org.gyrus.reduce.pca", "1.0.0", Map.of()));
        List<ValidationError> errors = new PipelineValidator(registry).validate(neither, Map.of());
        assertEquals("Node 'lonely', inputs: connect exactly one of the inputs 'features' and 'table' (neither is connected)",
                errors.get(0).toString());
    }

    @Test
    void aModelOfTheWrongKindIsFound() {
        Pipeline p = pipeline().withNode(Pipeline.Node.of("wrong", "org.gyrus.reduce.pca-apply", "1.0.0", Map.of()))
                .withEdge("ae", "model", "wrong", "model").withEdge("pca", "scores", "wrong", "features");
        List<ValidationError> errors = new PipelineValidator(registry).validate(p, Map.of());
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("inputs.model", errors.get(0).field());
        assertEquals("takes a PCA fitted by 'PCA (fit)' (kind org.gyrus.reduce.pca), but is connected to a org.gyrus.reduce.autoencoder model",
                errors.get(0).message());
    }

    @Test
    void otherFeaturesThanTheFittedOnesAndTooManyComponentsAreFound() {
        Pipeline p = pipeline().withNode(Pipeline.Node.of("wide", "test.wide", "1.0.0", Map.of()))
                .withNode(Pipeline.Node.of("apply-wide", "org.gyrus.reduce.pca-apply", "1.0.0", Map.of()))
                .withEdge("pca", "model", "apply-wide", "model").withEdge("wide", "table", "apply-wide", "table")
                .withParameter("ae", "layers", "4,3");
        // The autoencoder now codes 3 units, still fine; 'apply-wide' gets a, b, c, d for a PCA of a, b, c.
        List<ValidationError> errors = new PipelineValidator(registry).validate(p, Map.of());
        assertEquals(List.of("apply-wide:inputs.table"), errors.stream().map(e -> e.node() + ":" + e.field()).toList());
        assertEquals("the model was fitted on features [a, b, c] but gets [a, b, c, d]", errors.get(0).message());
        assertEquals(List.of("pca:parameters.components"), problems(pipeline().withParameter("pca", "components", 4)));
    }

    @Test
    void withUnknownInputsNothingIsReported() {
        // Features of unknown width (e.g. voxels through a computed mask) cannot be checked before running.
        TableSpec unknownKinds = new TableSpec(List.of(new ColumnSpec("a", null, ColumnRole.FEATURE)), true);
        assertEquals(FeatureSpec.unknownFeatures(), FeatureSpec.ofTable(unknownKinds));
        assertEquals(FeatureSpec.unknownFeatures(), FeatureSpec.ofTable(TableSpec.of(new ColumnSpec("a", ColumnSpec.Kind.NUMERIC,
                ColumnRole.FEATURE)).incomplete()));
    }
}
