package org.gyrus.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gyrus.data.DataSpec;

/**
 * Checks a pipeline against the installed node types before anything runs, and reports every
 * problem at once, each naming the node and the field (see {@code docs/pipeline-format.md}).
 */
public final class PipelineValidator {

    /** {@code ${name}}, not preceded by a second {@code $} (which escapes it). */
    private static final Pattern REFERENCE = Pattern.compile("(?<!\\$)\\$\\{([^}]*)}");

    private final NodeRegistry registry;

    /** A validator that resolves node types in {@code registry}. */
    public PipelineValidator(NodeRegistry registry) {
        this.registry = registry;
    }

    /**
     * All problems of {@code pipeline} with the given variable overrides, empty when it can run.
     * Includes the problems the node types' spec steps find ({@link NodeType#configure}).
     *
     * @param overrides variable values as text (from {@code --set NAME=VALUE} or a subjects table)
     */
    public List<ValidationError> validate(Pipeline pipeline, Map<String, String> overrides) {
        return check(pipeline, overrides).errors;
    }

    /**
     * The problems of {@code pipeline} and the specs of the values its nodes will produce, as far
     * as they are known before running: which columns arrive at a node, which kind of model.
     *
     * @param overrides variable values as text (from {@code --set NAME=VALUE} or a subjects table)
     */
    public PipelineSpecs specs(Pipeline pipeline, Map<String, String> overrides) {
        Checked c = check(pipeline, overrides);
        return new PipelineSpecs(c.errors, c.specs, c.inputs);
    }

    /**
     * The execution plan of a pipeline that validates.
     *
     * @throws PipelineValidationException listing every problem
     */
    Plan plan(Pipeline pipeline, Map<String, String> overrides) throws PipelineValidationException {
        Checked c = check(pipeline, overrides);
        if (!c.errors.isEmpty()) {
            throw new PipelineValidationException(pipeline.name(), c.errors);
        }
        return c.plan;
    }

    /** What one check found. */
    private static final class Checked {
        final List<ValidationError> errors = new ArrayList<>();
        final Map<String, Map<String, Plan.Source>> inputs = new HashMap<>();
        Map<String, Map<String, DataSpec>> specs = Map.of();
        Plan plan;
    }

    /**
     * The checks, each linear in the size of the pipeline (nodes, edges, variables): a pipeline of
     * hundreds of thousands of nodes validates in seconds.
     */
    private Checked check(Pipeline pipeline, Map<String, String> overrides) {
        Checked c = new Checked();
        List<ValidationError> errors = c.errors;
        Map<String, Pipeline.Variable> declared = new HashMap<>();
        pipeline.variables().forEach(v -> declared.put(v.name(), v));
        Map<String, Object> variables = variables(pipeline, declared, overrides, errors);

        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < pipeline.nodes().size(); i++) {
            position.put(pipeline.nodes().get(i).id(), i);
        }
        Map<String, List<RegisteredNode>> installed = new HashMap<>();
        for (RegisteredNode t : registry.nodeTypes()) {
            installed.computeIfAbsent(t.id(), k -> new ArrayList<>()).add(t);
        }
        Map<String, RegisteredNode> types = new LinkedHashMap<>();
        Map<String, ParameterValues> parameters = new HashMap<>();
        for (Pipeline.Node n : pipeline.nodes()) {
            resolveType(n, installed.getOrDefault(n.type(), List.of()), registry.origins(), errors).ifPresent(t -> {
                types.put(n.id(), t);
                parameters(n, t.descriptor(), declared, variables, errors).ifPresent(p -> parameters.put(n.id(), p));
            });
        }

        Map<String, Map<String, Plan.Source>> inputs = c.inputs;
        Map<String, Set<String>> downstream = new LinkedHashMap<>();
        pipeline.nodes().forEach(n -> {
            inputs.put(n.id(), new LinkedHashMap<>());
            downstream.put(n.id(), new LinkedHashSet<>());
        });
        for (int i = 0; i < pipeline.edges().size(); i++) {
            edge(pipeline.edges().get(i), i, position, types, inputs, downstream, errors);
        }
        for (Map.Entry<String, RegisteredNode> e : types.entrySet()) {
            for (PortDescriptor in : e.getValue().descriptor().inputs()) {
                if (in.required() && !inputs.get(e.getKey()).containsKey(in.name())) {
                    errors.add(new ValidationError(e.getKey(), "inputs." + in.name(), "the required input '" + in.name()
                            + "' (" + in.type().getSimpleName() + ") is not connected"));
                }
            }
        }
        List<String> order = order(pipeline, downstream, errors);
        c.specs = SpecStep.run(order, types, parameters, inputs, errors);
        // Reported in file order: the pipeline's own problems first, then node by node (stable within a node).
        errors.sort(Comparator.comparingInt(e -> e.node() == null ? -1 : position.getOrDefault(e.node(), -1)));
        if (!errors.isEmpty()) {
            return c;
        }
        List<Plan.Step> steps = new ArrayList<>();
        for (String id : order) {
            steps.add(new Plan.Step(id, types.get(id), parameters.get(id), Map.copyOf(inputs.get(id)),
                    List.copyOf(downstream.get(id)), nodeSeed(pipeline.seed(), id)));
        }
        c.plan = new Plan(pipeline, Map.copyOf(variables), List.copyOf(steps));
        return c;
    }

    private static Map<String, Object> variables(Pipeline p, Map<String, Pipeline.Variable> declared,
            Map<String, String> overrides, List<ValidationError> errors) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : overrides.keySet()) {
            if (!declared.containsKey(name)) {
                errors.add(new ValidationError(null, "variables." + name, "there is no variable '" + name + "' to set; "
                        + (p.variables().isEmpty() ? "the pipeline declares none"
                        : "the variables are " + p.variables().stream().map(Pipeline.Variable::name).toList())));
            }
        }
        for (Pipeline.Variable v : p.variables()) {
            Object raw = overrides.containsKey(v.name()) ? overrides.get(v.name()) : v.defaultValue();
            if (raw == null) {
                errors.add(new ValidationError(null, "variables." + v.name(), "the variable '" + v.name()
                        + "' has no value; set it with --set " + v.name() + "=VALUE"));
                continue;
            }
            try {
                values.put(v.name(), v.type().convert(raw));
            } catch (IllegalArgumentException e) {
                errors.add(new ValidationError(null, "variables." + v.name(), "the variable '" + v.name() + "' is a "
                        + v.type().fileName() + ": " + e.getMessage()));
            }
        }
        return values;
    }

    private static Optional<RegisteredNode> resolveType(Pipeline.Node n, List<RegisteredNode> installed, BundleOrigins origins,
            List<ValidationError> errors) {
        NodeVersion wanted;
        try {
            wanted = NodeVersion.parse(n.version());
        } catch (IllegalArgumentException e) {
            errors.add(new ValidationError(n.id(), "version", e.getMessage()));
            return Optional.empty();
        }
        if (installed.isEmpty()) {
            errors.add(new ValidationError(n.id(), "type", "the node type " + n.type() + " " + wanted + " is not installed; "
                    + origins.formerProvider(n.type()).map(p -> "it came from " + p + "; reinstall that plug-in")
                            .orElse("install the plug-in that provides it")));
            return Optional.empty();
        }
        // Semantic versioning: the newest installed version of the same major that is at least the one written for.
        Optional<RegisteredNode> best = installed.stream()
                .filter(t -> t.version().major() == wanted.major() && t.version().compareTo(wanted) >= 0)
                .max(Comparator.comparing(RegisteredNode::version));
        if (best.isPresent()) {
            return best;
        }
        String versions = installed.stream().map(t -> t.version().toString()).toList().toString();
        boolean sameMajor = installed.stream().anyMatch(t -> t.version().major() == wanted.major());
        errors.add(new ValidationError(n.id(), "version", sameMajor
                ? "the pipeline was written for " + n.type() + " " + wanted + ", newer than the installed version "
                        + versions + "; update the plug-in that provides it"
                : "the pipeline was written for " + n.type() + " " + wanted + " but only " + versions
                        + " is installed, an incompatible major version; install version " + wanted.major() + ".x"));
        return Optional.empty();
    }

    private static Optional<ParameterValues> parameters(Pipeline.Node n, NodeDescriptor d, Map<String, Pipeline.Variable> declared,
            Map<String, Object> variables, List<ValidationError> errors) {
        int before = errors.size();
        Map<String, Object> given = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : n.parameters().entrySet()) {
            String field = "parameters." + e.getKey();
            Optional<ParameterDescriptor> pd = d.parameter(e.getKey());
            if (pd.isEmpty()) {
                errors.add(new ValidationError(n.id(), field, d.id() + " has no parameter '" + e.getKey() + "'; its parameters are "
                        + d.parameters().stream().map(ParameterDescriptor::name).toList()));
                continue;
            }
            Object value;
            try {
                value = substitute(e.getValue(), declared, variables);
            } catch (IllegalArgumentException x) {
                errors.add(new ValidationError(n.id(), field, x.getMessage()));
                continue;
            }
            if (value == null) {
                continue; // the variable itself is reported already
            }
            try {
                given.put(e.getKey(), pd.get().convert(value));
            } catch (IllegalArgumentException x) {
                errors.add(new ValidationError(n.id(), field, x.getMessage() + describeAllowed(pd.get())));
            }
        }
        for (ParameterDescriptor pd : d.parameters()) {
            if (pd.required() && pd.defaultValue() == null && !n.parameters().containsKey(pd.name())) {
                errors.add(new ValidationError(n.id(), "parameters." + pd.name(), "the parameter '" + pd.name()
                        + "' needs a value"));
            }
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(ParameterValues.resolve(d.parameters(), given));
        } catch (IllegalArgumentException x) {
            errors.add(new ValidationError(n.id(), "parameters", x.getMessage()));
            return Optional.empty();
        }
    }

    private static String describeAllowed(ParameterDescriptor pd) {
        return pd.type().isEnum() || !pd.choices().isEmpty() || !Double.isNaN(pd.min()) || !Double.isNaN(pd.max()) ? ""
                : " (" + pd.type().getSimpleName() + ")";
    }

    /**
     * Replaces variable references in a raw value: {@code "${x}"} alone becomes x's typed value,
     * references inside longer text become its text, {@code $$} escapes a {@code $}.
     *
     * @return {@code null} when a referenced variable exists but has no valid value
     * @throws IllegalArgumentException naming an undefined variable
     */
    static Object substitute(Object raw, Map<String, Pipeline.Variable> declared, Map<String, Object> variables) {
        if (raw instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                Object v = substitute(x, declared, variables);
                if (v == null) {
                    return null;
                }
                out.add(v);
            }
            return out;
        }
        if (!(raw instanceof String s) || !s.contains("$")) {
            return raw;
        }
        Matcher whole = REFERENCE.matcher(s);
        if (whole.matches()) {
            return lookup(whole.group(1), declared, variables);
        }
        StringBuilder out = new StringBuilder();
        Matcher m = REFERENCE.matcher(s);
        while (m.find()) {
            Object v = lookup(m.group(1), declared, variables);
            if (v == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v.toString()));
        }
        m.appendTail(out);
        return out.toString().replace("$${", "${");
    }

    private static Object lookup(String name, Map<String, Pipeline.Variable> declared, Map<String, Object> variables) {
        if (!declared.containsKey(name)) {
            throw new IllegalArgumentException("refers to the variable '" + name + "', which is not defined; "
                    + (declared.isEmpty() ? "the pipeline declares no variables"
                    : "the variables are " + new java.util.TreeSet<>(declared.keySet())));
        }
        return variables.get(name);
    }

    private static void edge(Pipeline.Edge e, int i, Map<String, Integer> position, Map<String, RegisteredNode> types,
            Map<String, Map<String, Plan.Source>> inputs, Map<String, Set<String>> downstream, List<ValidationError> errors) {
        String field = "edges[" + i + "]";
        if (!position.containsKey(e.fromNode()) || !position.containsKey(e.toNode())) {
            String missing = position.containsKey(e.fromNode()) ? e.toNode() : e.fromNode();
            errors.add(new ValidationError(position.containsKey(e.toNode()) ? e.toNode() : null, field,
                    "the edge " + e + " refers to the node '" + missing + "', which is not in the pipeline"));
            return;
        }
        RegisteredNode from = types.get(e.fromNode());
        RegisteredNode to = types.get(e.toNode());
        Optional<PortDescriptor> out = from == null ? Optional.empty() : from.descriptor().output(e.output());
        Optional<PortDescriptor> in = to == null ? Optional.empty() : to.descriptor().input(e.input());
        if (from != null && out.isEmpty()) {
            errors.add(new ValidationError(e.fromNode(), field, from.id() + " has no output '" + e.output()
                    + "'; its outputs are " + from.descriptor().outputs().stream().map(PortDescriptor::name).toList()));
        }
        if (to != null && in.isEmpty()) {
            errors.add(new ValidationError(e.toNode(), field, to.id() + " has no input '" + e.input()
                    + "'; its inputs are " + to.descriptor().inputs().stream().map(PortDescriptor::name).toList()));
        }
        if (out.isPresent() && in.isPresent() && !in.get().accepts(out.get())) {
            errors.add(new ValidationError(e.toNode(), "inputs." + e.input(), "the input '" + e.input() + "' takes a "
                    + in.get().type().getSimpleName() + " but is connected to '" + e.fromNode() + "." + e.output()
                    + "', which gives a " + out.get().type().getSimpleName()));
        }
        Plan.Source previous = inputs.get(e.toNode()).get(e.input());
        if (previous != null) {
            errors.add(new ValidationError(e.toNode(), "inputs." + e.input(), "the input '" + e.input()
                    + "' has two edges, from '" + previous.node() + "." + previous.port() + "' and from '" + e.fromNode()
                    + "." + e.output() + "'; an input takes one"));
            return;
        }
        inputs.get(e.toNode()).put(e.input(), new Plan.Source(e.fromNode(), e.output()));
        downstream.get(e.fromNode()).add(e.toNode());
    }

    /** Kahn's algorithm, ties broken by file order; nodes left over lie on or behind a cycle. */
    private static List<String> order(Pipeline p, Map<String, Set<String>> downstream, List<ValidationError> errors) {
        Map<String, Integer> indegree = new LinkedHashMap<>();
        p.nodes().forEach(n -> indegree.put(n.id(), 0));
        downstream.values().forEach(l -> l.forEach(d -> indegree.merge(d, 1, Integer::sum)));
        List<String> order = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        indegree.forEach((id, d) -> {
            if (d == 0) {
                ready.add(id);
            }
        });
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String d : downstream.get(id)) {
                if (indegree.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() < p.nodes().size()) {
            Set<String> left = new HashSet<>(indegree.keySet());
            order.forEach(left::remove);
            List<String> cycle = findCycle(p, left, downstream);
            errors.add(new ValidationError(cycle.get(0), "edges", "the edges form a cycle: " + String.join(" -> ", cycle)
                    + "; a node cannot depend on its own output"));
        }
        return order;
    }

    private static List<String> findCycle(Pipeline p, Set<String> left, Map<String, Set<String>> downstream) {
        // Every node left over has a predecessor that is also left over (else Kahn would have taken
        // it), so walking backwards within them must come back to a node already visited.
        Map<String, String> predecessor = new HashMap<>();
        for (Pipeline.Node n : p.nodes()) {
            if (left.contains(n.id())) {
                for (String d : downstream.get(n.id())) {
                    if (left.contains(d)) {
                        predecessor.putIfAbsent(d, n.id());
                    }
                }
            }
        }
        String at = p.nodes().stream().map(Pipeline.Node::id).filter(left::contains).findFirst().orElseThrow();
        List<String> path = new ArrayList<>();
        Map<String, Integer> visited = new HashMap<>();
        while (!visited.containsKey(at)) {
            visited.put(at, path.size());
            path.add(at);
            at = predecessor.get(at);
        }
        List<String> cycle = new ArrayList<>(path.subList(visited.get(at), path.size()));
        java.util.Collections.reverse(cycle);
        cycle.add(cycle.get(0));
        return cycle;
    }

    /** A node's seed: a stable mix of the pipeline seed and the node id (SplitMix64's finaliser). */
    static long nodeSeed(long pipelineSeed, String nodeId) {
        long h = pipelineSeed;
        for (int i = 0; i < nodeId.length(); i++) {
            h = h * 31 + nodeId.charAt(i);
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
