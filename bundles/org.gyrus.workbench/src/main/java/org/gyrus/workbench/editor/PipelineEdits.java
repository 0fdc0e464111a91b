package org.gyrus.workbench.editor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.Pipeline.Edge;
import org.gyrus.pipeline.Pipeline.Node;
import org.gyrus.pipeline.Pipeline.Variable;

/**
 * The edits a user makes to a pipeline, each a pure function from one immutable {@link Pipeline}
 * to the next, so that {@link PipelineDocument} can undo any of them.
 */
public final class PipelineEdits {

    private PipelineEdits() {
    }

    /** A copy of {@code p} with other nodes and edges. */
    public static Pipeline with(Pipeline p, List<Node> nodes, List<Edge> edges) {
        return new Pipeline(p.name(), p.description(), p.seed(), p.variables(), nodes, edges, p.metadata());
    }

    /** A copy of {@code p} with other variables. */
    public static Pipeline withVariables(Pipeline p, List<Variable> variables) {
        return new Pipeline(p.name(), p.description(), p.seed(), variables, p.nodes(), p.edges(), p.metadata());
    }

    /**
     * An id for a new node of type {@code typeId} that no node of {@code p} has: the type's short
     * name ({@code pca} for {@code org.gyrus.reduce.pca}, or a node id whose copy is wanted), then
     * {@code pca_2}, {@code pca_3}...
     */
    public static String freshId(Pipeline p, String typeId) {
        String base = typeId.substring(typeId.lastIndexOf('.') + 1).replaceAll("[^A-Za-z0-9_\\-]", "_");
        // A copy of "pca_2" is "pca_3", not "pca_2_2".
        base = base.replaceFirst("_\\d+$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0)) && base.charAt(0) != '_') {
            base = "n_" + base;
        }
        Set<String> taken = new HashSet<>();
        p.nodes().forEach(n -> taken.add(n.id()));
        if (!taken.contains(base)) {
            return base;
        }
        for (int i = 2;; i++) {
            if (!taken.contains(base + "_" + i)) {
                return base + "_" + i;
            }
        }
    }

    /** Adds a node of the described type at (x, y) with every parameter at its default. */
    public static Pipeline addNode(Pipeline p, NodeDescriptor type, String id, double x, double y) {
        List<Node> nodes = new ArrayList<>(p.nodes());
        nodes.add(new Node(id, type.id(), type.version().toString(), Map.of(), x, y, Map.of()));
        return with(p, nodes, p.edges());
    }

    /** Moves the nodes {@code ids} by (dx, dy). */
    public static Pipeline move(Pipeline p, Set<String> ids, double dx, double dy) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : p.nodes()) {
            nodes.add(ids.contains(n.id()) ? at(n, n.x() + dx, n.y() + dy) : n);
        }
        return with(p, nodes, p.edges());
    }

    /** Places the nodes named in {@code positions} at the given (x, y). */
    public static Pipeline place(Pipeline p, Map<String, double[]> positions) {
        List<Node> nodes = new ArrayList<>();
        for (Node n : p.nodes()) {
            double[] xy = positions.get(n.id());
            nodes.add(xy == null ? n : at(n, xy[0], xy[1]));
        }
        return with(p, nodes, p.edges());
    }

    static Node at(Node n, double x, double y) {
        return new Node(n.id(), n.type(), n.version(), n.parameters(), x, y, n.metadata());
    }

    /** Deletes the nodes {@code ids} and every edge that touches them. */
    public static Pipeline delete(Pipeline p, Set<String> ids) {
        List<Node> nodes = p.nodes().stream().filter(n -> !ids.contains(n.id())).toList();
        List<Edge> edges = p.edges().stream().filter(e -> !ids.contains(e.fromNode()) && !ids.contains(e.toNode())).toList();
        return with(p, nodes, edges);
    }

    /**
     * Connects an output to an input. An input takes one value, so an edge already arriving at
     * that input is replaced (as in KNIME). Whether the connection is allowed is
     * {@link Connections#check}'s business.
     */
    public static Pipeline connect(Pipeline p, Edge edge) {
        List<Edge> edges = new ArrayList<>();
        for (Edge e : p.edges()) {
            if (!(e.toNode().equals(edge.toNode()) && e.input().equals(edge.input()))) {
                edges.add(e);
            }
        }
        edges.add(edge);
        return with(p, p.nodes(), edges);
    }

    /** Removes one edge. */
    public static Pipeline disconnect(Pipeline p, Edge edge) {
        return with(p, p.nodes(), p.edges().stream().filter(e -> !e.equals(edge)).toList());
    }

    /**
     * Sets a parameter to a raw value as the file holds it (a number, text, boolean, list, or a
     * {@code ${variable}} reference); null removes it, so that it takes its default.
     */
    public static Pipeline setParameter(Pipeline p, String nodeId, String parameter, Object value) {
        List<Node> nodes = new ArrayList<>();
        boolean found = false;
        for (Node n : p.nodes()) {
            if (n.id().equals(nodeId)) {
                found = true;
                Map<String, Object> params = new LinkedHashMap<>(n.parameters());
                if (value == null) {
                    params.remove(parameter);
                } else {
                    params.put(parameter, value);
                }
                n = new Node(n.id(), n.type(), n.version(), params, n.x(), n.y(), n.metadata());
            }
            nodes.add(n);
        }
        if (!found) {
            throw new IllegalArgumentException("There is no node '" + nodeId + "'");
        }
        return with(p, nodes, p.edges());
    }

    /** Adds a variable, or replaces the one of the same name. */
    public static Pipeline putVariable(Pipeline p, Variable v) {
        List<Variable> vars = new ArrayList<>();
        boolean replaced = false;
        for (Variable old : p.variables()) {
            if (old.name().equals(v.name())) {
                vars.add(v);
                replaced = true;
            } else {
                vars.add(old);
            }
        }
        if (!replaced) {
            vars.add(v);
        }
        return withVariables(p, vars);
    }

    /** Removes the variable {@code name}. */
    public static Pipeline removeVariable(Pipeline p, String name) {
        return withVariables(p, p.variables().stream().filter(v -> !v.name().equals(name)).toList());
    }
}
