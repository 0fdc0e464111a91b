package org.gyrus.batch;

import java.util.List;
import java.util.concurrent.Callable;

import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.RegisteredNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gyrus nodes}: the node types installed now. */
@Command(name = "nodes", description = "List the installed node types (id, version, providing bundle).")
final class NodesCommand implements Callable<Integer> {

    private final NodeRegistry registry;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    NodesCommand(NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        List<RegisteredNode> nodes = registry.nodeTypes();
        var out = output.out(spec);
        int idWidth = Math.max(2, nodes.stream().mapToInt(n -> n.id().length()).max().orElse(2));
        out.printf("%-" + idWidth + "s  %-8s  %s%n", "ID", "VERSION", "BUNDLE");
        for (RegisteredNode n : nodes) {
            out.printf("%-" + idWidth + "s  %-8s  %s %s%n", n.id(), n.version(), n.bundle(), n.bundleVersion());
        }
        for (RegisteredNode d : registry.duplicates()) {
            spec.commandLine().getErr().printf("warning: %s %s from %s %s is ignored: another bundle provides the same id and version%n",
                    d.id(), d.version(), d.bundle(), d.bundleVersion());
        }
        out.flush();
        return 0;
    }
}
