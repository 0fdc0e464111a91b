package org.gyrus.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a front end needs to know about a node type without running it: stable id, version,
 * name, category path, documentation, ports and parameters. Immutable; made with {@link #builder}.
 */
public final class NodeDescriptor {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private final String id;
    private final NodeVersion version;
    private final String name;
    private final List<String> category;
    private final String documentation;
    private final List<PortDescriptor> inputs;
    private final List<PortDescriptor> outputs;
    private final List<ParameterDescriptor> parameters;
    private final Class<?> parametersClass;
    private final Map<String, FileSet> fileSets;

    private NodeDescriptor(Builder b) {
        this.id = b.id;
        this.version = b.version;
        this.name = b.name == null ? b.id : b.name;
        this.category = List.copyOf(b.category);
        this.documentation = b.documentation;
        this.inputs = List.copyOf(b.inputs);
        this.outputs = List.copyOf(b.outputs);
        this.parametersClass = b.parametersClass;
        this.parameters = b.parametersClass == null ? List.of() : ParameterDescriptor.readAll(b.parametersClass);
        this.fileSets = Map.copyOf(b.fileSets);
        for (String p : fileSets.keySet()) {
            if (parameter(p).filter(d -> d.type() == java.nio.file.Path.class).isEmpty()) {
                throw new IllegalArgumentException("Node type " + id + " declares the files of '" + p + "', which is not one of its path parameters");
            }
        }
        unique(inputs.stream().map(PortDescriptor::name).toList(), "input");
        unique(outputs.stream().map(PortDescriptor::name).toList(), "output");
    }

    /**
     * Starts a descriptor.
     *
     * @param id      a stable, dotted id such as {@code org.gyrus.preprocess.simple-imputer}; pipeline files refer to it
     * @param version {@code major.minor.patch}; raise the major version when old pipelines would break
     */
    public static Builder builder(String id, String version) {
        return new Builder(id, NodeVersion.parse(version));
    }

    /** The stable id. */
    public String id() { return id; }

    /** The version. */
    public NodeVersion version() { return version; }

    /** The human-readable name. */
    public String name() { return name; }

    /** The category path for palettes, outermost first (e.g. {@code [Preprocessing, Imputation]}). */
    public List<String> category() { return category; }

    /** Documentation: what the node does, its reference, where it differs from it. */
    public String documentation() { return documentation; }

    /** The input ports in order. */
    public List<PortDescriptor> inputs() { return inputs; }

    /** The output ports in order. */
    public List<PortDescriptor> outputs() { return outputs; }

    /** The parameters in declaration order. */
    public List<ParameterDescriptor> parameters() { return parameters; }

    /** The class whose {@code @Parameter} fields declare the parameters, if any. */
    public Optional<Class<?>> parametersClass() { return Optional.ofNullable(parametersClass); }

    /** The input port named {@code port}, if any. */
    public Optional<PortDescriptor> input(String port) {
        return inputs.stream().filter(p -> p.name().equals(port)).findFirst();
    }

    /** The output port named {@code port}, if any. */
    public Optional<PortDescriptor> output(String port) {
        return outputs.stream().filter(p -> p.name().equals(port)).findFirst();
    }

    /** The parameter named {@code parameter}, if any. */
    public Optional<ParameterDescriptor> parameter(String parameter) {
        return parameters.stream().filter(p -> p.name().equals(parameter)).findFirst();
    }

    /**
     * The files a path parameter's value stands for: what the node type declared with
     * {@link Builder#files}, else {@link FileSet#DEFAULT} (the file, or every file in a folder).
     */
    public FileSet files(String parameter) {
        return fileSets.getOrDefault(parameter, FileSet.DEFAULT);
    }

    @Override
    public String toString() {
        return id + " " + version;
    }

    static String checkIdentifier(String s, String what) {
        if (s == null || !IDENTIFIER.matcher(s).matches()) {
            throw new IllegalArgumentException("Invalid " + what + " '" + s + "': use letters, digits, '.', '_' and '-'");
        }
        return s;
    }

    private void unique(List<String> names, String kind) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException("Node type " + id + " declares two " + kind + " ports named '" + n + "'");
            }
        }
    }

    /** Assembles a {@link NodeDescriptor}. */
    public static final class Builder {
        private final String id;
        private final NodeVersion version;
        private String name;
        private final List<String> category = new ArrayList<>();
        private String documentation = "";
        private final List<PortDescriptor> inputs = new ArrayList<>();
        private final List<PortDescriptor> outputs = new ArrayList<>();
        private Class<?> parametersClass;
        private final Map<String, FileSet> fileSets = new LinkedHashMap<>();

        private Builder(String id, NodeVersion version) {
            this.id = checkIdentifier(id, "node type id");
            this.version = version;
        }

        /** The human-readable name (default: the id). */
        public Builder name(String value) {
            name = Objects.requireNonNull(value);
            return this;
        }

        /** The category path, outermost first. */
        public Builder category(String... path) {
            category.clear();
            category.addAll(List.of(path));
            return this;
        }

        /** The documentation text. */
        public Builder documentation(String text) {
            documentation = Objects.requireNonNull(text);
            return this;
        }

        /** Adds a required input port. */
        public Builder input(String port, Class<?> type, String description) {
            inputs.add(new PortDescriptor(port, type, true, description));
            return this;
        }

        /** Adds an optional input port. */
        public Builder optionalInput(String port, Class<?> type, String description) {
            inputs.add(new PortDescriptor(port, type, false, description));
            return this;
        }

        /** Adds an output port. */
        public Builder output(String port, Class<?> type, String description) {
            outputs.add(new PortDescriptor(port, type, true, description));
            return this;
        }

        /**
         * Declares the parameters: the public fields of {@code type} annotated with SciJava's
         * {@code @Parameter}; their initial values in a new instance are the defaults.
         */
        public Builder parameters(Class<?> type) {
            parametersClass = Objects.requireNonNull(type);
            return this;
        }

        /**
         * Declares the files that the value of path parameter {@code parameter} stands for, when
         * they are more than the file named (a {@code .hdr} and its {@code .img}) or fewer than
         * every file of a folder (what a dataset reader reads). Results are keyed by their content.
         */
        public Builder files(String parameter, FileSet files) {
            fileSets.put(Objects.requireNonNull(parameter), Objects.requireNonNull(files));
            return this;
        }

        /**
         * The descriptor.
         *
         * @throws IllegalArgumentException if ports repeat or the parameters class is unusable
         */
        public NodeDescriptor build() {
            return new NodeDescriptor(this);
        }
    }
}
