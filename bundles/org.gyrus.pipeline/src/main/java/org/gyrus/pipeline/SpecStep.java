package org.gyrus.pipeline;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.gyrus.data.DataSpec;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.FeatureSpec;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.ModelSpec;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.data.VolumeSetSpec;
import org.gyrus.data.VolumeSpec;

/**
 * Runs {@link NodeType#configure} through a pipeline in dependency order, feeding each node the
 * specs its upstream nodes produced. A node whose type or parameters did not resolve gives unknown
 * outputs; a node that reports a problem passes on the outputs it still set (a split with a
 * misspelt label column still passes its table on), so that every problem is reported at once.
 */
final class SpecStep {

    private static final System.Logger LOG = System.getLogger(SpecStep.class.getName());

    /** The spec class for each data type of the model; other port types may carry any spec. */
    private static final Map<Class<?>, Class<? extends DataSpec>> SPEC_OF = Map.of(Table.class, TableSpec.class,
            FeatureMatrix.class, FeatureSpec.class, ModelArtifact.class, ModelSpec.class, Volume.class, VolumeSpec.class,
            VolumeSet.class, VolumeSetSpec.class);

    private SpecStep() {
    }

    /**
     * The specs of every node's outputs, by node and port.
     *
     * @param order      node ids upstream first (nodes on a cycle left out)
     * @param types      the resolved node types (absent when the type did not resolve)
     * @param parameters the resolved parameter values (absent when they did not)
     * @param inputs     for each node, its connected inputs
     * @param errors     receives the problems reported
     */
    static Map<String, Map<String, DataSpec>> run(List<String> order, Map<String, RegisteredNode> types,
            Map<String, ParameterValues> parameters, Map<String, Map<String, Plan.Source>> inputs, List<ValidationError> errors) {
        Map<String, Map<String, DataSpec>> specs = new HashMap<>();
        for (String id : order) {
            RegisteredNode type = types.get(id);
            ParameterValues values = parameters.get(id);
            if (type == null || values == null) {
                continue;
            }
            Context c = new Context(id, type.descriptor(), values, inputs.getOrDefault(id, Map.of()), specs);
            try {
                type.type().configure(c);
            } catch (RuntimeException e) {
                // A fault in a node's spec step must not stop a pipeline that may run: the run checks it.
                LOG.log(System.Logger.Level.WARNING, "The spec step of node ''{0}'' ({1}) failed; its outputs are checked when it runs",
                        id, type.id());
                LOG.log(System.Logger.Level.DEBUG, "spec step failure", e);
                continue;
            }
            c.problems.forEach((field, message) -> errors.add(new ValidationError(id, field, message)));
            specs.put(id, c.outputs);
        }
        return specs;
    }

    private static final class Context implements SpecContext {
        private final String id;
        private final NodeDescriptor descriptor;
        private final ParameterValues values;
        private final Map<String, Plan.Source> inputs;
        private final Map<String, Map<String, DataSpec>> upstream;
        final Map<String, DataSpec> outputs = new LinkedHashMap<>();
        final Map<String, String> problems = new LinkedHashMap<>();

        Context(String id, NodeDescriptor descriptor, ParameterValues values, Map<String, Plan.Source> inputs,
                Map<String, Map<String, DataSpec>> upstream) {
            this.id = id;
            this.descriptor = descriptor;
            this.values = values;
            this.inputs = inputs;
            this.upstream = upstream;
        }

        @Override
        public String nodeId() {
            return id;
        }

        @Override
        public boolean connected(String port) {
            return inputs.containsKey(port);
        }

        @Override
        public <S extends DataSpec> Optional<S> input(String port, Class<S> type) {
            Plan.Source s = inputs.get(port);
            if (s == null) {
                return Optional.empty();
            }
            DataSpec spec = upstream.getOrDefault(s.node(), Map.of()).get(s.port());
            return type.isInstance(spec) ? Optional.of(type.cast(spec)) : Optional.empty();
        }

        @Override
        public ParameterValues parameters() {
            return values;
        }

        @Override
        public void output(String port, DataSpec spec) {
            PortDescriptor p = descriptor.output(port).orElseThrow(() -> new IllegalArgumentException(
                    descriptor.id() + " has no output '" + port + "'"));
            Class<? extends DataSpec> expected = SPEC_OF.get(p.type());
            if (spec != null && expected != null && !expected.isInstance(spec)) {
                throw new IllegalArgumentException("The output '" + port + "' of " + descriptor.id() + " carries a "
                        + p.type().getSimpleName() + ", described by a " + expected.getSimpleName() + ", not a "
                        + spec.getClass().getSimpleName());
            }
            if (spec != null) {
                outputs.put(port, spec);
            }
        }

        @Override
        public void problem(String field, String message) {
            problems.merge(field, message, (a, b) -> a + "; " + b);
        }
    }
}
