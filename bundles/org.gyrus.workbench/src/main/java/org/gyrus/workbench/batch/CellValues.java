package org.gyrus.workbench.batch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gyrus.pipeline.Executor;
import org.gyrus.pipeline.NodeOutcome;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineValidationException;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.pipeline.RunResult;

/**
 * The output values of one cell of a batch — one node of one subject's run — as live values
 * (volumes, tables, models), not files: the node and the nodes upstream of it are run again with
 * the subject's variable values through the same executor and disk cache as the batch, so a cell
 * that finished comes back from the cache without computing (an evicted result is recomputed).
 */
public final class CellValues {

    private CellValues() {
    }

    /** {@code pipeline} cut down to {@code node} and everything upstream of it (same ids, parameters, seed). */
    public static Pipeline upstream(Pipeline pipeline, String node) {
        Set<String> keep = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (keep.add(n)) {
                for (Pipeline.Edge e : pipeline.edges()) {
                    if (e.toNode().equals(n)) {
                        todo.push(e.fromNode());
                    }
                }
            }
        }
        return new Pipeline(pipeline.name(), pipeline.description(), pipeline.seed(), pipeline.variables(),
                pipeline.nodes().stream().filter(n -> keep.contains(n.id())).toList(),
                pipeline.edges().stream().filter(e -> keep.contains(e.toNode())).toList(), pipeline.metadata());
    }

    /**
     * The outputs of {@code node} in a run with {@code variables}, by port.
     *
     * @throws IllegalStateException saying which node failed, when the cell's node or one upstream fails
     * @throws PipelineValidationException if the cut pipeline does not validate with these values
     */
    public static Map<String, Object> of(NodeRegistry registry, ResultCache cache, int threads, Pipeline pipeline, String node,
            Map<String, String> variables) throws PipelineValidationException, InterruptedException {
        RunResult r = Executor.builder(registry).threads(Math.max(1, threads)).cache(cache).build()
                .run(upstream(pipeline, node), variables);
        NodeOutcome o = r.node(node).orElseThrow();
        if (o.state() != NodeState.FINISHED) {
            String why = r.failures().isEmpty() ? o.reason()
                    : "node '" + r.failures().get(0).node() + "' failed: " + r.failures().get(0).reason();
            throw new IllegalStateException("Node '" + node + "' has no outputs: " + why);
        }
        return r.outputs(node);
    }
}
