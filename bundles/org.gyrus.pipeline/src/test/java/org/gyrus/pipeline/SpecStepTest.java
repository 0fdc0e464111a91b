package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.junit.jupiter.api.Test;
import org.scijava.plugin.Parameter;

/** The spec step: problems found before running, specs passed along, unknown specs tolerated. */
class SpecStepTest {

    /** Parameters of the test nodes. */
    public static final class Columns {
        @Parameter(required = false)
        public String column = "";
        @Parameter
        public boolean known = true;
        @Parameter
        public boolean broken = false;
    }

    /** {@code spec.source}: a table with columns id and age, whose spec is known unless 'known' is false. */
    private static final NodeType SOURCE = new NodeType() {
        @Override
        public NodeDescriptor descriptor() {
            return NodeDescriptor.builder("spec.source", "1.0.0").output("table", Table.class, "").parameters(Columns.class).build();
        }

        @Override
        public void configure(SpecContext c) {
            Columns p = c.parameters(Columns.class);
            if (p.broken) {
                throw new IllegalStateException("a fault in configure");
            }
            if (p.known) {
                c.output("table", TableSpec.of(new ColumnSpec("id", ColumnSpec.Kind.TEXT, ColumnRole.ID),
                        new ColumnSpec("age", ColumnSpec.Kind.NUMERIC, ColumnRole.FEATURE)));
            }
        }

        @Override
        public void execute(NodeContext c) {
            throw new UnsupportedOperationException("not run in these tests");
        }
    };

    /** {@code spec.keep}: keeps one named column; its spec step checks the column exists. */
    private static final NodeType KEEP = new NodeType() {
        @Override
        public NodeDescriptor descriptor() {
            return NodeDescriptor.builder("spec.keep", "1.0.0").input("table", Table.class, "").output("table", Table.class, "")
                    .parameters(Columns.class).build();
        }

        @Override
        public void configure(SpecContext c) {
            String name = c.parameters(Columns.class).column;
            c.input("table", TableSpec.class).ifPresent(t -> {
                if (!t.mayHave(name)) {
                    c.problem("parameters.column", "the table has no column '" + name + "'; its columns are " + t.describe());
                } else {
                    c.output("table", new TableSpec(t.column(name).stream().toList(), t.complete()));
                }
            });
        }

        @Override
        public void execute(NodeContext c) {
            throw new UnsupportedOperationException("not run in these tests");
        }
    };

    private final PipelineValidator validator = new PipelineValidator(FakeNode.registry(SOURCE, KEEP));

    private static Pipeline chain(Map<String, Object> source, String first, String second) {
        return Pipeline.named("specs")
                .withNode(Pipeline.Node.of("read", "spec.source", "1.0.0", source))
                .withNode(Pipeline.Node.of("keep", "spec.keep", "1.0.0", Map.of("column", first)))
                .withNode(Pipeline.Node.of("again", "spec.keep", "1.0.0", Map.of("column", second)))
                .withEdge("read", "table", "keep", "table").withEdge("keep", "table", "again", "table");
    }

    @Test
    void aMisspeltColumnIsReportedNamingNodeAndField() {
        List<ValidationError> errors = validator.validate(chain(Map.of(), "aeg", "age"), Map.of());
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("keep", errors.get(0).node());
        assertEquals("parameters.column", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("no column 'aeg'; its columns are [id, age]"), errors.get(0).message());
    }

    @Test
    void specsFlowDownstreamAndFrontEndsCanAskWhatArrives() {
        PipelineSpecs specs = validator.specs(chain(Map.of(), "age", "id"), Map.of());
        // 'again' asks for 'id', which 'keep' removed: found two nodes downstream of the source.
        assertEquals(List.of("again:parameters.column"), specs.errors().stream().map(e -> e.node() + ":" + e.field()).toList());
        assertEquals(List.of("age"), ((TableSpec) specs.input("keep", "table").orElseThrow()).columnNames().subList(1, 2));
        assertEquals(List.of("age"), ((TableSpec) specs.input("again", "table").orElseThrow()).columnNames());
        assertTrue(specs.output("again", "table").isEmpty(), "a node with a problem passes nothing on");
    }

    @Test
    void unknownSpecsPropagateWithoutFalseErrors() {
        PipelineSpecs specs = validator.specs(chain(Map.of("known", false), "aeg", "whatever"), Map.of());
        assertEquals(List.of(), specs.errors());
        assertTrue(specs.input("keep", "table").isEmpty());
        assertTrue(specs.output("again", "table").isEmpty());
    }

    @Test
    void aFaultInASpecStepIsNotAProblem() {
        assertEquals(List.of(), validator.validate(chain(Map.of("broken", true), "aeg", "x"), Map.of()));
    }

    @Test
    void incompleteSpecsOnlyCatchWhatIsCertain() {
        TableSpec t = new TableSpec(List.of(new ColumnSpec("age", null, ColumnRole.FEATURE)), false);
        assertTrue(t.mayHave("sex_F"), "an incomplete spec may have columns named at run time");
        assertTrue(!TableSpec.of(new ColumnSpec("age", null, ColumnRole.FEATURE)).mayHave("sex_F"));
    }
}
