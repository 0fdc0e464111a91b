package org.gyrus.plugins.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.RegisteredNode;
import org.gyrus.plugins.InstalledPlugin;

/** What the node registry shows of a plug-in's bundles: its node types and any id clashes. */
final class NewNodeTypes {

    private NewNodeTypes() {
    }

    /** Node types the registry has from {@code bundles}, waiting up to {@code waitMillis} for the first to appear. */
    static List<RegisteredNode> of(NodeRegistry registry, Set<String> bundles, long waitMillis) {
        long end = System.nanoTime() + waitMillis * 1_000_000;
        while (true) {
            List<RegisteredNode> found = registry.nodeTypes().stream().filter(n -> bundles.contains(n.bundle())).toList();
            List<RegisteredNode> shadowed = registry.duplicates().stream().filter(n -> bundles.contains(n.bundle())).toList();
            if (!found.isEmpty() || !shadowed.isEmpty() || System.nanoTime() > end) {
                return java.util.stream.Stream.concat(found.stream(), shadowed.stream()).toList();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    /** Symbolic names of a plug-in's bundles. */
    static Set<String> bundles(InstalledPlugin plugin) {
        return plugin.bundles().stream().map(InstalledPlugin.PluginBundle::symbolicName).collect(Collectors.toSet());
    }

    /** "ID VERSION" of each node type, as {@code gyrus plugins} and {@code gyrus install} show them. */
    static List<String> names(List<RegisteredNode> nodes) {
        return nodes.stream().map(n -> n.id() + " " + n.version()).toList();
    }

    /**
     * The warnings, as the registry gives them, about every node type with the same id and version
     * as another from a different bundle where one of the two comes from {@code bundles}: both are
     * kept, the first is used.
     */
    static List<String> clashes(NodeRegistry registry, Set<String> bundles) {
        List<String> lines = new ArrayList<>();
        for (RegisteredNode d : registry.duplicates()) {
            RegisteredNode used = registry.find(d.id(), d.version()).orElse(null);
            if (used != null && (bundles.contains(d.bundle()) || bundles.contains(used.bundle()))) {
                lines.add("warning: node type " + d.id() + " " + d.version() + " is provided twice: by " + used.bundle() + " "
                        + used.bundleVersion() + " (used) and by " + d.bundle() + " " + d.bundleVersion()
                        + " (ignored); both stay installed. Uninstall one of them to choose.");
            }
        }
        return lines;
    }

    /** Prints the node types of {@code bundles} and, on {@code err}, every {@link #clashes clash} they are part of. */
    static void print(NodeRegistry registry, Set<String> bundles, List<RegisteredNode> nodes, String indent, PrintStream out,
            PrintStream err) {
        for (String n : names(nodes)) {
            out.println(indent + "node type " + n);
        }
        for (String c : clashes(registry, bundles)) {
            err.println(c);
        }
    }

    /** A plug-in with what the running registry has of its bundles, as {@code gyrus plugins} shows it. */
    static PluginIndex.Shown shown(NodeRegistry registry, InstalledPlugin plugin) {
        Set<String> bundles = bundles(plugin);
        return new PluginIndex.Shown(plugin, names(of(registry, bundles, 0)), List.copyOf(clashes(registry, bundles)));
    }
}
