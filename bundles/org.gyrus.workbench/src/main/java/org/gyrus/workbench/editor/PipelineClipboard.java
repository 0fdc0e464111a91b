package org.gyrus.workbench.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.Pipeline.Edge;
import org.gyrus.pipeline.Pipeline.Node;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.pipeline.PipelineFormatException;

/**
 * Copy and paste of nodes with the edges between them, as the text of a small pipeline file, so
 * that what is copied in one workbench window pastes into another or into a text editor.
 */
public final class PipelineClipboard {

    private PipelineClipboard() {
    }

    /** The nodes {@code ids} and the edges among them, as pipeline JSON. */
    public static String copy(Pipeline p, Set<String> ids) {
        List<Node> nodes = p.nodes().stream().filter(n -> ids.contains(n.id())).toList();
        List<Edge> edges = p.edges().stream().filter(e -> ids.contains(e.fromNode()) && ids.contains(e.toNode())).toList();
        return PipelineFile.toJson(new Pipeline("clipboard", "", 0, List.of(), nodes, edges, Map.of()));
    }

    /** A paste: the pipeline with the pasted nodes and their ids (to select them). */
    public record Pasted(Pipeline pipeline, Set<String> ids) {
    }

    /**
     * Adds the nodes and edges of {@code text} to {@code p}, shifted by (dx, dy), renamed where an
     * id is taken.
     *
     * @throws IllegalArgumentException if the text is not a pipeline
     */
    public static Pasted paste(Pipeline p, String text, double dx, double dy) {
        Pipeline clip;
        try {
            clip = PipelineFile.parse(text);
        } catch (PipelineFormatException e) {
            throw new IllegalArgumentException("The clipboard holds no Gyrus nodes: " + e.getMessage(), e);
        }
        Map<String, String> rename = new HashMap<>();
        List<Node> nodes = new ArrayList<>(p.nodes());
        Set<String> ids = new LinkedHashSet<>();
        Pipeline growing = p;
        for (Node n : clip.nodes()) {
            String id = growing.node(n.id()).isPresent() ? PipelineEdits.freshId(growing, n.id()) : n.id();
            rename.put(n.id(), id);
            nodes.add(new Node(id, n.type(), n.version(), n.parameters(), n.x() + dx, n.y() + dy, n.metadata()));
            ids.add(id);
            growing = PipelineEdits.with(p, nodes, p.edges());
        }
        List<Edge> edges = new ArrayList<>(p.edges());
        for (Edge e : clip.edges()) {
            edges.add(new Edge(rename.get(e.fromNode()), e.output(), rename.get(e.toNode()), e.input()));
        }
        return new Pasted(PipelineEdits.with(p, nodes, edges), ids);
    }
}
