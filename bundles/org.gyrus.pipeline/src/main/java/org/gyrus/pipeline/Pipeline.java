package org.gyrus.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A pipeline as its file holds it: nodes with their type, type version, parameter values and
 * canvas position; edges from output ports to input ports; variables that parameter values refer
 * to as {@code ${name}} and that the command line can override. Nothing is checked against the
 * installed node types here; {@link PipelineValidator} does that. Immutable.
 *
 * @param name        a short name for messages and provenance
 * @param description free text
 * @param seed        the pipeline seed; each node's seed derives from it and the node id
 * @param variables   the variables, in file order
 * @param nodes       the nodes, in file order
 * @param edges       the edges, in file order
 * @param metadata    free-form data that tools keep for themselves (e.g. the editor's view), kept verbatim
 */
public record Pipeline(String name, String description, long seed, List<Variable> variables, List<Node> nodes,
        List<Edge> edges, Map<String, Object> metadata) {

    /** The current version of the file format; files of a newer version are refused. */
    public static final int FORMAT_VERSION = 1;

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*");

    /** Copies the lists and checks that node and variable names are unique and well formed. */
    public Pipeline {
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        variables = List.copyOf(variables);
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Set<String> seen = new HashSet<>();
        for (Node n : nodes) {
            if (!seen.add(n.id())) {
                throw new IllegalArgumentException("Two nodes have the id '" + n.id() + "'; node ids must be unique");
            }
        }
        seen.clear();
        for (Variable v : variables) {
            if (!seen.add(v.name())) {
                throw new IllegalArgumentException("Two variables are named '" + v.name() + "'");
            }
        }
    }

    /** An empty pipeline with the given name, to build on with the {@code with...} methods. */
    public static Pipeline named(String name) {
        return new Pipeline(name, "", 0, List.of(), List.of(), List.of(), Map.of());
    }

    /** The node with instance id {@code id}, if any. */
    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The variable named {@code name}, if any. */
    public Optional<Variable> variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** This pipeline with {@code node} added, or replacing the node with the same id. */
    public Pipeline withNode(Node node) {
        List<Node> l = new ArrayList<>(nodes);
        int i = indexOf(node.id());
        if (i >= 0) {
            l.set(i, node);
        } else {
            l.add(node);
        }
        return new Pipeline(name, description, seed, variables, l, edges, metadata);
    }

    /** This pipeline with an edge from {@code fromNode.output} to {@code toNode.input} added. */
    public Pipeline withEdge(String fromNode, String output, String toNode, String input) {
        List<Edge> l = new ArrayList<>(edges);
        l.add(new Edge(fromNode, output, toNode, input));
        return new Pipeline(name, description, seed, variables, nodes, l, metadata);
    }

    /** This pipeline with {@code variable} added, or replacing the one with the same name. */
    public Pipeline withVariable(Variable variable) {
        List<Variable> l = new ArrayList<>(variables);
        l.removeIf(v -> v.name().equals(variable.name()));
        l.add(variable);
        return new Pipeline(name, description, seed, l, nodes, edges, metadata);
    }

    /** This pipeline with another seed. */
    public Pipeline withSeed(long value) {
        return new Pipeline(name, description, value, variables, nodes, edges, metadata);
    }

    /** This pipeline with another description. */
    public Pipeline withDescription(String value) {
        return new Pipeline(name, value, seed, variables, nodes, edges, metadata);
    }

    /** This pipeline with one parameter of node {@code nodeId} set to {@code value}. */
    public Pipeline withParameter(String nodeId, String parameter, Object value) {
        Node n = node(nodeId).orElseThrow(() -> new IllegalArgumentException("There is no node '" + nodeId + "'"));
        Map<String, Object> p = new LinkedHashMap<>(n.parameters());
        p.put(parameter, value);
        return withNode(new Node(n.id(), n.type(), n.version(), p, n.x(), n.y(), n.metadata()));
    }

    private int indexOf(String id) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One node: an instance of a node type in this pipeline.
     *
     * @param id         the instance id, unique in the pipeline (letters, digits, '_' and '-')
     * @param type       the node type id, e.g. {@code org.gyrus.preprocess.simple-imputer}
     * @param version    the node type version the pipeline was written for ({@code major.minor.patch})
     * @param parameters raw parameter values as the file holds them: numbers, text, booleans,
     *                   lists of those, or {@code "${variable}"} references; absent ones take their defaults
     * @param x          canvas position
     * @param y          canvas position
     * @param metadata   free-form data that tools keep for themselves, kept verbatim
     */
    public record Node(String id, String type, String version, Map<String, Object> parameters, double x, double y,
            Map<String, Object> metadata) {

        /** Checks the id and copies the maps (keeping their order). */
        public Node {
            if (id == null || !NODE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("Invalid node id '" + id + "': use letters, digits, '_' and '-'");
            }
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(version, "version");
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /** A node at the origin of the canvas. */
        public static Node of(String id, String type, String version, Map<String, Object> parameters) {
            return new Node(id, type, version, parameters, 0, 0, Map.of());
        }
    }

    /**
     * An edge: the value of {@code fromNode}'s output port flows into {@code toNode}'s input port.
     *
     * @param fromNode the producing node's id
     * @param output   its output port
     * @param toNode   the consuming node's id
     * @param input    its input port
     */
    public record Edge(String fromNode, String output, String toNode, String input) {

        /** Checks that no part is missing. */
        public Edge {
            Objects.requireNonNull(fromNode, "from");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(toNode, "to");
            Objects.requireNonNull(input, "input");
        }

        @Override
        public String toString() {
            return fromNode + "." + output + " -> " + toNode + "." + input;
        }
    }

    /**
     * A pipeline variable.
     *
     * @param name         letters, digits and '_'; referred to as {@code ${name}}
     * @param type         what values it takes
     * @param defaultValue the value when nothing overrides it, or {@code null} if it must be given
     * @param description  help text
     */
    public record Variable(String name, VariableType type, Object defaultValue, String description) {

        /** Checks the name. */
        public Variable {
            if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("Invalid variable name '" + name + "': use letters, digits and '_'");
            }
            Objects.requireNonNull(type, "type");
            description = description == null ? "" : description;
        }
    }

    /** The types a variable can have. */
    public enum VariableType {
        /** Text. */
        STRING,
        /** A whole number. */
        INTEGER,
        /** A number. */
        NUMBER,
        /** true or false. */
        BOOLEAN,
        /** A file or directory path, relative paths resolved against the working directory. */
        PATH;

        /** The name used in files, lower case. */
        public String fileName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * Converts text (from the command line or a subjects table) or a JSON value to this type.
         *
         * @throws IllegalArgumentException saying what was expected
         */
        public Object convert(Object raw) {
            String s = String.valueOf(raw).trim();
            try {
                switch (this) {
                    case INTEGER:
                        if (raw instanceof Integer || raw instanceof Long) {
                            return ((Number) raw).longValue();
                        }
                        return Long.parseLong(s);
                    case NUMBER:
                        return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(s);
                    case BOOLEAN:
                        if (raw instanceof Boolean b) {
                            return b;
                        }
                        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                            return Boolean.parseBoolean(s.toLowerCase(java.util.Locale.ROOT));
                        }
                        throw new IllegalArgumentException("'" + raw + "' is not true or false");
                    case PATH:
                        if (s.isEmpty()) {
                            throw new IllegalArgumentException("an empty text is not a path");
                        }
                        return s;
                    default:
                        return raw instanceof String ? raw : s;
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + raw + "' is not " + (this == INTEGER ? "a whole number" : "a number"));
            }
        }

        /**
         * The type named {@code name} in a file.
         *
         * @throws IllegalArgumentException listing the valid names
         */
        public static VariableType ofFileName(String name) {
            for (VariableType t : values()) {
                if (t.fileName().equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("'" + name + "' is not a variable type; use one of string, integer, number, boolean, path");
        }
    }
}
