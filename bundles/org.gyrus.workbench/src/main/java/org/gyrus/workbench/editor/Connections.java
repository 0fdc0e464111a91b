package org.gyrus.workbench.editor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.Pipeline.Edge;
import org.gyrus.pipeline.Pipeline.Node;
import org.gyrus.pipeline.PortDescriptor;

/** Decides whether an output may be connected to an input, and if not, says why in a user's words. */
public final class Connections {

    private final Function<String, Optional<NodeDescriptor>> types;

    /** @param types the installed node type for a type id (the registry's) */
    public Connections(Function<String, Optional<NodeDescriptor>> types) {
        this.types = types;
    }

    /** Why {@code edge} cannot be made in {@code p}, or empty if it can. */
    public Optional<String> refusal(Pipeline p, Edge edge) {
        if (edge.fromNode().equals(edge.toNode())) {
            return Optional.of("A node cannot feed its own input.");
        }
        Optional<Node> from = p.node(edge.fromNode());
        Optional<Node> to = p.node(edge.toNode());
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.of("The node '" + (from.isEmpty() ? edge.fromNode() : edge.toNode()) + "' is not in the pipeline.");
        }
        Optional<NodeDescriptor> fromType = types.apply(from.get().type());
        Optional<NodeDescriptor> toType = types.apply(to.get().type());
        if (fromType.isEmpty() || toType.isEmpty()) {
            Node missing = fromType.isEmpty() ? from.get() : to.get();
            return Optional.of("The node type of '" + missing.id() + "' (" + missing.type() + ") is not installed.");
        }
        Optional<PortDescriptor> out = fromType.get().output(edge.output());
        Optional<PortDescriptor> in = toType.get().input(edge.input());
        if (out.isEmpty()) {
            return Optional.of("'" + edge.fromNode() + "' has no output '" + edge.output() + "'.");
        }
        if (in.isEmpty()) {
            return Optional.of("'" + edge.toNode() + "' has no input '" + edge.input() + "'.");
        }
        if (!in.get().accepts(out.get())) {
            return Optional.of("'" + edge.fromNode() + "." + edge.output() + "' gives a " + out.get().type().getSimpleName()
                    + " but '" + edge.toNode() + "." + edge.input() + "' takes a " + in.get().type().getSimpleName() + ".");
        }
        if (reaches(p, edge.toNode(), edge.fromNode())) {
            return Optional.of("Connecting '" + edge.fromNode() + "' to '" + edge.toNode()
                    + "' would make a cycle: '" + edge.toNode() + "' already feeds '" + edge.fromNode() + "'.");
        }
        return Optional.empty();
    }

    /** Whether a path of edges leads from {@code start} to {@code goal}. */
    static boolean reaches(Pipeline p, String start, String goal) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (n.equals(goal)) {
                return true;
            }
            if (seen.add(n)) {
                for (Edge e : p.edges()) {
                    if (e.fromNode().equals(n)) {
                        todo.push(e.toNode());
                    }
                }
            }
        }
        return false;
    }
}
