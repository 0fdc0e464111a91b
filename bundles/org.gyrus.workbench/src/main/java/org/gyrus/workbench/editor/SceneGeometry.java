package org.gyrus.workbench.editor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.Pipeline.Edge;
import org.gyrus.pipeline.Pipeline.Node;
import org.gyrus.pipeline.PortDescriptor;

/**
 * Where everything of a pipeline lies on the canvas, in model units (the canvas scales and pans
 * them): node boxes, their ports, and what a point hits. Plain Java, so hit-testing is tested
 * without a display.
 */
public final class SceneGeometry {

    /** Box width, header height (name and type), height of one port row, height of the progress strip. */
    public static final double WIDTH = 180;
    public static final double HEADER = 38;
    public static final double ROW = 18;
    public static final double FOOTER = 12;
    /** How far from a port's centre a click still hits it. */
    public static final double PORT_RADIUS = 7;

    /** A port of a node on the canvas; {@code type} is null when the node's type is not installed. */
    public record Port(String node, String name, boolean output, Class<?> type, double x, double y) {
    }

    /** A node's box on the canvas and its ports; {@code descriptor} is empty when its type is missing. */
    public record Box(Node node, Optional<NodeDescriptor> descriptor, double x, double y, double width, double height,
            List<Port> inputs, List<Port> outputs) {

        /** Whether (px, py) lies inside the box. */
        public boolean contains(double px, double py) {
            return px >= x && px <= x + width && py >= y && py <= y + height;
        }

        /** The input or output port named {@code name}. */
        public Optional<Port> port(String name, boolean output) {
            return (output ? outputs : inputs).stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    private final Map<String, Box> boxes = new LinkedHashMap<>();

    /** Lays out every node of {@code p}; {@code types} gives the installed node type of a type id. */
    public SceneGeometry(Pipeline p, Function<String, Optional<NodeDescriptor>> types) {
        for (Node n : p.nodes()) {
            Optional<NodeDescriptor> d = types.apply(n.type());
            List<String[]> ins = new ArrayList<>();
            List<String[]> outs = new ArrayList<>();
            List<Class<?>> inTypes = new ArrayList<>();
            List<Class<?>> outTypes = new ArrayList<>();
            if (d.isPresent()) {
                for (PortDescriptor port : d.get().inputs()) {
                    ins.add(new String[] {port.name()});
                    inTypes.add(port.type());
                }
                for (PortDescriptor port : d.get().outputs()) {
                    outs.add(new String[] {port.name()});
                    outTypes.add(port.type());
                }
            } else {
                // A missing type: show the ports its edges use, so that the edges stay drawn.
                Set<String> in = new LinkedHashSet<>();
                Set<String> out = new LinkedHashSet<>();
                for (Edge e : p.edges()) {
                    if (e.toNode().equals(n.id())) {
                        in.add(e.input());
                    }
                    if (e.fromNode().equals(n.id())) {
                        out.add(e.output());
                    }
                }
                in.forEach(s -> { ins.add(new String[] {s}); inTypes.add(null); });
                out.forEach(s -> { outs.add(new String[] {s}); outTypes.add(null); });
            }
            double h = HEADER + Math.max(1, Math.max(ins.size(), outs.size())) * ROW + FOOTER;
            List<Port> inPorts = new ArrayList<>();
            for (int i = 0; i < ins.size(); i++) {
                inPorts.add(new Port(n.id(), ins.get(i)[0], false, inTypes.get(i), n.x(), n.y() + HEADER + (i + 0.5) * ROW));
            }
            List<Port> outPorts = new ArrayList<>();
            for (int i = 0; i < outs.size(); i++) {
                outPorts.add(new Port(n.id(), outs.get(i)[0], true, outTypes.get(i), n.x() + WIDTH, n.y() + HEADER + (i + 0.5) * ROW));
            }
            boxes.put(n.id(), new Box(n, d, n.x(), n.y(), WIDTH, h, inPorts, outPorts));
        }
    }

    /** Every box, in drawing order (later ones on top). */
    public List<Box> boxes() {
        return List.copyOf(boxes.values());
    }

    /** The box of node {@code id}. */
    public Optional<Box> box(String id) {
        return Optional.ofNullable(boxes.get(id));
    }

    /** The topmost node under (x, y). */
    public Optional<Box> nodeAt(double x, double y) {
        Box hit = null;
        for (Box b : boxes.values()) {
            if (b.contains(x, y)) {
                hit = b;
            }
        }
        return Optional.ofNullable(hit);
    }

    /** The port under (x, y), within {@link #PORT_RADIUS}. */
    public Optional<Port> portAt(double x, double y) {
        Port best = null;
        double bestD = PORT_RADIUS * PORT_RADIUS;
        for (Box b : boxes.values()) {
            for (List<Port> ports : List.of(b.inputs(), b.outputs())) {
                for (Port p : ports) {
                    double d = (p.x() - x) * (p.x() - x) + (p.y() - y) * (p.y() - y);
                    if (d <= bestD) {
                        bestD = d;
                        best = p;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The nodes whose boxes intersect the rectangle with corners (x0, y0) and (x1, y1). */
    public Set<String> nodesIn(double x0, double y0, double x1, double y1) {
        double left = Math.min(x0, x1);
        double right = Math.max(x0, x1);
        double top = Math.min(y0, y1);
        double bottom = Math.max(y0, y1);
        Set<String> ids = new LinkedHashSet<>();
        for (Box b : boxes.values()) {
            if (b.x() < right && b.x() + b.width() > left && b.y() < bottom && b.y() + b.height() > top) {
                ids.add(b.node().id());
            }
        }
        return ids;
    }

    /** The smallest rectangle {x, y, width, height} holding every box, or empty for no nodes. */
    public Optional<double[]> bounds() {
        if (boxes.isEmpty()) {
            return Optional.empty();
        }
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (Box b : boxes.values()) {
            x0 = Math.min(x0, b.x());
            y0 = Math.min(y0, b.y());
            x1 = Math.max(x1, b.x() + b.width());
            y1 = Math.max(y1, b.y() + b.height());
        }
        return Optional.of(new double[] {x0, y0, x1 - x0, y1 - y0});
    }

    /** The edge whose curve passes within {@code tolerance} of (x, y), sampled along its Bezier curve. */
    public Optional<Edge> edgeAt(Pipeline p, double x, double y, double tolerance) {
        for (Edge e : p.edges()) {
            Optional<Port> a = box(e.fromNode()).flatMap(b -> b.port(e.output(), true));
            Optional<Port> b = box(e.toNode()).flatMap(bx -> bx.port(e.input(), false));
            if (a.isEmpty() || b.isEmpty()) {
                continue;
            }
            double[] c = curve(a.get().x(), a.get().y(), b.get().x(), b.get().y());
            for (int i = 0; i <= 40; i++) {
                double t = i / 40.0;
                double u = 1 - t;
                double px = u * u * u * c[0] + 3 * u * u * t * c[2] + 3 * u * t * t * c[4] + t * t * t * c[6];
                double py = u * u * u * c[1] + 3 * u * u * t * c[3] + 3 * u * t * t * c[5] + t * t * t * c[7];
                if ((px - x) * (px - x) + (py - y) * (py - y) <= tolerance * tolerance) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** The control points {x0,y0, c1x,c1y, c2x,c2y, x1,y1} of the curve drawn from an output to an input. */
    public static double[] curve(double x0, double y0, double x1, double y1) {
        double bend = Math.max(40, Math.abs(x1 - x0) / 2);
        return new double[] {x0, y0, x0 + bend, y0, x1 - bend, y1, x1, y1};
    }
}
