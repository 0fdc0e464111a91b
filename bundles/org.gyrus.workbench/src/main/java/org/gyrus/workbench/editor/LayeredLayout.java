package org.gyrus.workbench.editor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.Pipeline.Edge;
import org.gyrus.pipeline.Pipeline.Node;

/**
 * A layered (Sugiyama-style) layout of the pipeline's graph, flowing left to right: each node's
 * column is the length of the longest path that reaches it, and the nodes of a column are ordered
 * by the mean row of their neighbours (a few barycentre sweeps), which removes most crossings.
 */
public final class LayeredLayout {

    /** Distance between the left edges of two columns, and between the tops of two rows. */
    private final double columnWidth;
    private final double rowHeight;

    /** A layout with the given spacing (model units). */
    public LayeredLayout(double columnWidth, double rowHeight) {
        this.columnWidth = columnWidth;
        this.rowHeight = rowHeight;
    }

    /** The new top-left corner of every node, each taking one row. A graph with a cycle still gets a layout. */
    public Map<String, double[]> positions(Pipeline p) {
        return positions(p, id -> rowHeight - rowHeight / 3);
    }

    /**
     * The new top-left corner of every node, stacking each column's nodes by their heights (a
     * node with many ports takes more room) with a gap of a third of a row between them.
     */
    public Map<String, double[]> positions(Pipeline p, java.util.function.ToDoubleFunction<String> height) {
        Map<String, Integer> layer = new LinkedHashMap<>();
        p.nodes().forEach(n -> layer.put(n.id(), 0));
        // Longest path by relaxation; at most |V| rounds, so a cycle cannot loop for ever.
        for (int round = 0; round < p.nodes().size(); round++) {
            boolean changed = false;
            for (Edge e : p.edges()) {
                Integer from = layer.get(e.fromNode());
                Integer to = layer.get(e.toNode());
                if (from != null && to != null && to < from + 1) {
                    layer.put(e.toNode(), from + 1);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> columns = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            columns.add(new ArrayList<>());
        }
        // Start from the current vertical order, so that a layout keeps the user's arrangement where it can.
        p.nodes().stream().sorted(Comparator.comparingDouble(Node::y)).forEach(n -> columns.get(layer.get(n.id())).add(n.id()));
        Map<String, Double> row = new HashMap<>();
        renumber(columns, row);
        for (int sweep = 0; sweep < 4; sweep++) {
            boolean down = sweep % 2 == 0;
            for (int i = down ? 1 : layers - 2; down ? i < layers : i >= 0; i += down ? 1 : -1) {
                Map<String, Double> bary = new HashMap<>();
                for (String n : columns.get(i)) {
                    double sum = 0;
                    int count = 0;
                    for (Edge e : p.edges()) {
                        String other = down ? (e.toNode().equals(n) ? e.fromNode() : null) : (e.fromNode().equals(n) ? e.toNode() : null);
                        if (other != null && row.containsKey(other)) {
                            sum += row.get(other);
                            count++;
                        }
                    }
                    bary.put(n, count == 0 ? row.get(n) : sum / count);
                }
                columns.get(i).sort(Comparator.comparingDouble(bary::get));
                renumber(columns, row);
            }
        }
        double gap = rowHeight / 3;
        double[] columnHeight = new double[layers];
        for (int i = 0; i < layers; i++) {
            for (String n : columns.get(i)) {
                columnHeight[i] += Math.max(height.applyAsDouble(n), rowHeight - gap) + gap;
            }
        }
        double tallest = java.util.Arrays.stream(columnHeight).max().orElse(0);
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < layers; i++) {
            double y = 40 + (tallest - columnHeight[i]) / 2;
            for (String n : columns.get(i)) {
                out.put(n, new double[] {40 + i * columnWidth, y});
                y += Math.max(height.applyAsDouble(n), rowHeight - gap) + gap;
            }
        }
        return out;
    }

    private static void renumber(List<List<String>> columns, Map<String, Double> row) {
        for (List<String> col : columns) {
            for (int j = 0; j < col.size(); j++) {
                row.put(col.get(j), (double) j);
            }
        }
    }
}
