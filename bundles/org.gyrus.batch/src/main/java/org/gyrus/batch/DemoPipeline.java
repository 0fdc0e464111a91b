package org.gyrus.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.ParameterValues;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PortDescriptor;
import org.gyrus.pipeline.RegisteredNode;

/**
 * The pipeline {@code gyrus demo} runs, built from what is installed: the synthetic cohort of
 * {@code org.gyrus.samples}, then every other installed node type that can run on what the
 * pipeline already produces with its default parameters, each input fed by the most recent
 * output of a fitting type (so nodes chain: impute, then encode, then scale...). It grows as
 * capability bundles are installed, without the command line naming any of them.
 */
final class DemoPipeline {

    /** The node type that makes the demo data. */
    static final String COHORT = "org.gyrus.samples.cohort";

    /** Keeps the demo a demo even when many node types are installed. */
    private static final int MAX_NODES = 16;

    private record Available(String node, PortDescriptor port) {
    }

    private DemoPipeline() {
    }

    static Pipeline build(NodeRegistry registry) {
        RegisteredNode cohort = registry.find(COHORT).orElseThrow(() -> new CliException(ExitCodes.EXECUTION_ERROR,
                "The demo needs the node type " + COHORT + " from the org.gyrus.samples bundle, which is not installed; "
                        + "rebuild the product (GYRUS_REBUILD=1 ./gyrus demo)."));
        Map<String, Object> cohortParameters = new LinkedHashMap<>();
        cohortParameters.put("subjects", 32);
        cohortParameters.put("size", 48);
        Pipeline p = Pipeline.named("demo").withSeed(20261128)
                .withDescription("Synthetic cohort of brain-like phantoms with a clinical table (org.gyrus.samples), "
                        + "followed by every installed node that can work on it with its default parameters.")
                .withNode(new Pipeline.Node("cohort", COHORT, cohort.version().toString(), cohortParameters, 40, 80, Map.of()));
        List<Available> available = new ArrayList<>();
        cohort.descriptor().outputs().forEach(o -> available.add(new Available("cohort", o)));

        int column = 1;
        for (RegisteredNode t : latestVersions(registry)) {
            if (t.id().equals(COHORT) || p.nodes().size() >= MAX_NODES || !runsWithDefaults(t.descriptor())) {
                continue;
            }
            Map<String, Available> feeds = new LinkedHashMap<>();
            boolean ok = !t.descriptor().inputs().isEmpty();
            for (PortDescriptor in : t.descriptor().inputs()) {
                Optional<Available> src = latest(available, in);
                if (src.isPresent()) {
                    feeds.put(in.name(), src.get());
                } else if (in.required()) {
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            String id = t.id().substring(t.id().lastIndexOf('.') + 1).replaceAll("[^A-Za-z0-9_-]", "_");
            while (p.node(id).isPresent()) {
                id = id + "_";
            }
            p = p.withNode(new Pipeline.Node(id, t.id(), t.version().toString(), Map.of(), 40 + 220 * column++, 80, Map.of()));
            for (Map.Entry<String, Available> f : feeds.entrySet()) {
                p = p.withEdge(f.getValue().node(), f.getValue().port().name(), id, f.getKey());
            }
            for (PortDescriptor o : t.descriptor().outputs()) {
                available.add(new Available(id, o));
            }
        }
        return p;
    }

    private static List<RegisteredNode> latestVersions(NodeRegistry registry) {
        List<RegisteredNode> out = new ArrayList<>();
        registry.nodeTypes().stream().map(RegisteredNode::id).distinct().forEach(id -> registry.find(id).ifPresent(out::add));
        return out;
    }

    private static boolean runsWithDefaults(NodeDescriptor d) {
        try {
            ParameterValues.resolve(d.parameters(), Map.of());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<Available> latest(List<Available> available, PortDescriptor input) {
        for (int i = available.size() - 1; i >= 0; i--) {
            if (input.accepts(available.get(i).port())) {
                return Optional.of(available.get(i));
            }
        }
        return Optional.empty();
    }
}
