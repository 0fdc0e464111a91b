package org.gyrus.batch;

import java.io.PrintWriter;
import java.lang.reflect.Array;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.ParameterDescriptor;
import org.gyrus.pipeline.PortDescriptor;
import org.gyrus.pipeline.RegisteredNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gyrus describe}: a node type's ports, parameters and documentation. */
@Command(name = "describe", description = "Show a node type: its ports, its parameters with defaults and ranges, and its documentation.")
final class DescribeCommand implements Callable<Integer> {

    private final NodeRegistry registry;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NODE_ID", description = "The node type id, e.g. org.gyrus.samples.cohort (see 'gyrus nodes').")
    String id;

    @Mixin
    OutputOptions output;

    DescribeCommand(NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        RegisteredNode node = registry.find(id).orElseThrow(() -> {
            String needle = id.toLowerCase(Locale.ROOT);
            List<String> similar = registry.nodeTypes().stream().map(RegisteredNode::id).distinct()
                    .filter(n -> n.toLowerCase(Locale.ROOT).contains(needle) || needle.contains(n.substring(n.lastIndexOf('.') + 1)))
                    .toList();
            return new CliException(ExitCodes.BAD_ARGUMENTS, "No node type '" + id + "' is installed"
                    + (similar.isEmpty() ? "" : "; did you mean " + String.join(" or ", similar) + "?")
                    + " 'gyrus nodes' lists the installed ones.");
        });
        NodeDescriptor d = node.descriptor();
        PrintWriter out = output.out(spec);
        out.printf("%s%n  id %s, version %s, from %s %s%n", d.name(), d.id(), d.version(), node.bundle(), node.bundleVersion());
        if (!d.category().isEmpty()) {
            out.println("  category " + String.join(" / ", d.category()));
        }
        if (!d.documentation().isBlank()) {
            out.println();
            wrap(d.documentation(), 96).forEach(l -> out.println("  " + l));
        }
        ports(out, "Inputs", d.inputs(), true);
        ports(out, "Outputs", d.outputs(), false);
        out.println();
        out.println("Parameters:");
        if (d.parameters().isEmpty()) {
            out.println("  (none)");
        }
        int w = d.parameters().stream().mapToInt(p -> p.name().length()).max().orElse(4);
        for (ParameterDescriptor p : d.parameters()) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("  %-" + w + "s  %-8s", p.name(), typeName(p.type())));
            sb.append(p.defaultValue() == null ? (p.required() ? "  required" : "  optional") : "  default " + show(p.defaultValue()));
            if (!Double.isNaN(p.min()) || !Double.isNaN(p.max())) {
                sb.append("  range ").append(Double.isNaN(p.min()) ? "-inf" : number(p.min())).append(" .. ")
                        .append(Double.isNaN(p.max()) ? "inf" : number(p.max()));
            }
            if (!p.choices().isEmpty()) {
                sb.append("  one of ").append(String.join(", ", p.choices()));
            }
            out.println(sb);
            String help = p.label().equals(p.name()) ? p.description() : p.label() + (p.description().isEmpty() ? "" : ": " + p.description());
            if (!help.isBlank()) {
                wrap(help, 90).forEach(l -> out.println("  " + " ".repeat(w) + "    " + l));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void ports(PrintWriter out, String title, List<PortDescriptor> ports, boolean inputs) {
        out.println();
        out.println(title + ":");
        if (ports.isEmpty()) {
            out.println("  (none)");
        }
        int w = ports.stream().mapToInt(p -> p.name().length()).max().orElse(4);
        for (PortDescriptor p : ports) {
            out.printf("  %-" + w + "s  %-12s%s  %s%n", p.name(), p.type().getSimpleName(),
                    inputs ? (p.required() ? " required" : " optional") : "", p.description());
        }
    }

    private static String typeName(Class<?> t) {
        return t.isEnum() ? "choice" : t == java.nio.file.Path.class ? "path" : t.getSimpleName();
    }

    private static String show(Object v) {
        if (v.getClass().isArray()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Array.getLength(v); i++) {
                sb.append(i == 0 ? "" : ",").append(Array.get(v, i));
            }
            return sb.toString();
        }
        return v instanceof String s && s.isEmpty() ? "\"\"" : v.toString();
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        for (String para : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : para.trim().split("\\s+")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() == 0 ? "" : " ").append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
