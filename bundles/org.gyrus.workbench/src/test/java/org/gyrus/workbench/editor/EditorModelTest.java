package org.gyrus.workbench.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.Pipeline.Edge;
import org.gyrus.pipeline.PipelineFile;
import org.junit.jupiter.api.Test;

/** The editor's model without a display: edits, undo/redo, connection rules, layout, clipboard, hit-testing. */
class EditorModelTest {

    static final NodeDescriptor READ = NodeDescriptor.builder("test.read", "1.0.0").name("Read").category("IO")
            .output("table", Table.class, "rows").build();
    static final NodeDescriptor SCALE = NodeDescriptor.builder("test.scale", "1.0.0").name("Scale").category("Prep")
            .input("table", Table.class, "in").output("table", Table.class, "out").output("model", ModelArtifact.class, "fit").build();
    static final NodeDescriptor LEARN = NodeDescriptor.builder("test.learn", "1.2.0").name("Learn").category("Learn")
            .input("features", FeatureMatrix.class, "x").build();
    static final Function<String, Optional<NodeDescriptor>> TYPES = id -> List.of(READ, SCALE, LEARN).stream()
            .filter(d -> d.id().equals(id)).findFirst();

    static Pipeline chain() {
        Pipeline p = Pipeline.named("t");
        p = PipelineEdits.addNode(p, READ, "read", 0, 0);
        p = PipelineEdits.addNode(p, SCALE, "scale", 0, 0);
        p = PipelineEdits.addNode(p, SCALE, "scale_2", 0, 0);
        p = PipelineEdits.connect(p, new Edge("read", "table", "scale", "table"));
        return PipelineEdits.connect(p, new Edge("scale", "table", "scale_2", "table"));
    }

    @Test
    void everyEditUndoesAndRedoesAndTracksDirtiness() {
        PipelineDocument doc = new PipelineDocument();
        assertFalse(doc.isDirty());
        doc.apply("Add Read", p -> PipelineEdits.addNode(p, READ, PipelineEdits.freshId(p, READ.id()), 10, 20));
        doc.apply("Add Scale", p -> PipelineEdits.addNode(p, SCALE, PipelineEdits.freshId(p, SCALE.id()), 250, 20));
        doc.apply("Connect", p -> PipelineEdits.connect(p, new Edge("read", "table", "scale", "table")));
        doc.apply("Move", p -> PipelineEdits.move(p, Set.of("scale"), 5, 7));
        doc.apply("Set", p -> PipelineEdits.setParameter(p, "scale", "factor", 2.5));
        assertTrue(doc.isDirty());
        assertEquals(Optional.of("Set"), doc.undoLabel());
        Pipeline edited = doc.pipeline();
        assertEquals(255, edited.node("scale").orElseThrow().x());
        assertEquals(2.5, edited.node("scale").orElseThrow().parameters().get("factor"));

        for (int i = 0; i < 5; i++) {
            doc.undo();
        }
        assertTrue(doc.pipeline().nodes().isEmpty());
        assertFalse(doc.canUndo());
        for (int i = 0; i < 5; i++) {
            doc.redo();
        }
        assertEquals(edited, doc.pipeline());

        doc.markSaved(java.nio.file.Path.of("x.gyrus.json"));
        assertFalse(doc.isDirty());
        doc.undo();
        assertTrue(doc.isDirty(), "undoing past the save makes the document dirty again");
        doc.redo();
        assertFalse(doc.isDirty());
        // A new edit after undo drops the redo history.
        doc.undo();
        doc.apply("Move", p -> PipelineEdits.move(p, Set.of("read"), 1, 1));
        assertFalse(doc.canRedo());
        // An edit that changes nothing is not recorded.
        assertFalse(doc.apply("Nothing", p -> p));
    }

    @Test
    void freshIdsAreUniqueAndDeleteTakesTheEdges() {
        Pipeline p = chain();
        assertEquals("scale_3", PipelineEdits.freshId(p, "test.scale"));
        Pipeline q = PipelineEdits.delete(p, Set.of("scale"));
        assertEquals(List.of("read", "scale_2"), q.nodes().stream().map(Pipeline.Node::id).toList());
        assertTrue(q.edges().isEmpty());
    }

    @Test
    void connectionsAreRefusedWithTheReason() {
        Connections c = new Connections(TYPES);
        Pipeline p = PipelineEdits.addNode(chain(), LEARN, "learn", 0, 0);
        assertEquals(Optional.empty(), c.refusal(p, new Edge("read", "table", "scale_2", "table")));
        assertEquals(Optional.of("'read.table' gives a Table but 'learn.features' takes a FeatureMatrix."),
                c.refusal(p, new Edge("read", "table", "learn", "features")));
        assertTrue(c.refusal(p, new Edge("scale_2", "table", "scale", "table")).orElseThrow().contains("cycle"));
        assertTrue(c.refusal(p, new Edge("scale", "table", "scale", "table")).isPresent());
        assertTrue(c.refusal(p, new Edge("scale", "nope", "scale_2", "table")).orElseThrow().contains("no output 'nope'"));
        // An input takes one value: connecting again replaces the old edge.
        Pipeline q = PipelineEdits.connect(p, new Edge("read", "table", "scale_2", "table"));
        assertEquals(2, q.edges().size());
        assertTrue(q.edges().contains(new Edge("read", "table", "scale_2", "table")));
    }

    @Test
    void layeredLayoutPutsEveryNodeRightOfItsInputs() {
        Pipeline p = chain();
        p = PipelineEdits.addNode(p, SCALE, "side", 0, 0);
        p = PipelineEdits.connect(p, new Edge("read", "table", "side", "table"));
        Map<String, double[]> pos = new LayeredLayout(240, 120).positions(p);
        for (Edge e : p.edges()) {
            assertTrue(pos.get(e.fromNode())[0] < pos.get(e.toNode())[0], e.toString());
        }
        assertEquals(pos.get("scale")[0], pos.get("side")[0]);
        assertTrue(pos.get("scale")[1] != pos.get("side")[1], "two nodes of a column do not overlap");
        // Tall boxes are stacked by their heights: the two nodes of the middle column do not overlap.
        Map<String, double[]> tall = new LayeredLayout(240, 90).positions(p, id -> id.equals("scale") ? 300 : 50);
        double[] a = tall.get("scale");
        double[] b = tall.get("side");
        assertTrue(a[1] < b[1] ? b[1] >= a[1] + 300 : a[1] >= b[1] + 50, "stacked without overlap");
        Pipeline placed = PipelineEdits.place(p, pos);
        assertEquals(40 + 2 * 240, placed.node("scale_2").orElseThrow().x());
    }

    @Test
    void copyPasteKeepsInnerEdgesAndRenames() throws Exception {
        Pipeline p = chain();
        String text = PipelineClipboard.copy(p, Set.of("scale", "scale_2"));
        PipelineClipboard.Pasted pasted = PipelineClipboard.paste(p, text, 30, 40);
        assertEquals(5, pasted.pipeline().nodes().size());
        assertEquals(Set.of("scale_3", "scale_4"), pasted.ids());
        assertTrue(pasted.pipeline().edges().contains(new Edge("scale_3", "table", "scale_4", "table")));
        assertEquals(3, pasted.pipeline().edges().size(), "the edge from 'read' is not copied");
        assertThrows(IllegalArgumentException.class, () -> PipelineClipboard.paste(p, "hello", 0, 0));
        // The pasted pipeline is still a valid file.
        PipelineFile.parse(PipelineFile.toJson(pasted.pipeline()));
    }

    @Test
    void geometryHitsNodesPortsAndEdges() {
        Pipeline p = PipelineEdits.place(chain(), Map.of("read", new double[] {0, 0}, "scale", new double[] {300, 0},
                "scale_2", new double[] {600, 100}));
        SceneGeometry g = new SceneGeometry(p, TYPES);
        assertEquals("scale", g.nodeAt(310, 20).orElseThrow().node().id());
        SceneGeometry.Port out = g.portAt(SceneGeometry.WIDTH, SceneGeometry.HEADER + SceneGeometry.ROW / 2 + 2).orElseThrow();
        assertEquals("read", out.node());
        assertTrue(out.output());
        assertEquals(Table.class, out.type());
        assertEquals(Set.of("read", "scale"), g.nodesIn(-10, -10, 320, 20));
        assertEquals(new Edge("read", "table", "scale", "table"),
                g.edgeAt(p, (SceneGeometry.WIDTH + 300) / 2, SceneGeometry.HEADER + SceneGeometry.ROW / 2, 4).orElseThrow());
        assertTrue(g.edgeAt(p, 250, 400, 4).isEmpty());
        // A node of a missing type keeps the ports its edges use.
        SceneGeometry missing = new SceneGeometry(p, id -> id.equals("test.read") ? Optional.empty() : TYPES.apply(id));
        assertTrue(missing.box("read").orElseThrow().descriptor().isEmpty());
        assertEquals("table", missing.box("read").orElseThrow().outputs().get(0).name());
    }
}
