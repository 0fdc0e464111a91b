package org.gyrus.pipeline;

/**
 * A kind of pipeline node, offered to Gyrus as an OSGi service. It describes itself and executes;
 * it keeps no state between executions, so one instance runs for many nodes and threads at once.
 *
 * <p>Plug-in authors implement this in a small Declarative Services component:
 *
 * <pre>{@code
 * @Component(service = NodeType.class)
 * public final class SmoothNode implements NodeType {
 *     public static final class Parameters {
 *         @Parameter(label = "FWHM (mm)", min = "0", max = "20") public double fwhm = 6;
 *     }
 *     public NodeDescriptor descriptor() {
 *         return NodeDescriptor.builder("org.example.smooth", "1.0.0").name("Smooth")
 *                 .category("Filters").input("volume", Volume.class).output("volume", Volume.class)
 *                 .parameters(Parameters.class).build();
 *     }
 *     public void execute(NodeContext context) {
 *         Parameters p = context.parameters(Parameters.class);
 *         context.output("volume", Smoother.smooth(context.input("volume", Volume.class), p.fwhm));
 *     }
 * }
 * }</pre>
 */
public interface NodeType {

    /** What this node type is: id, version, ports, parameters, documentation. Must not change over time. */
    NodeDescriptor descriptor();

    /**
     * The spec step, before anything runs (KNIME's {@code configure}): from the specs of the inputs
     * that are known ({@link SpecContext#input}) and the parameter values, sets the specs of the
     * outputs that can be known ({@link SpecContext#output}) and reports the problems that would
     * make the run fail ({@link SpecContext#problem}) — a column that will not exist, a model of
     * the wrong kind, inputs that cannot be combined. Validation runs it through the whole
     * pipeline, so these problems are reported before a long batch starts, and front ends can
     * show what will arrive at a node.
     *
     * <p>It must be cheap (read a file header at most) and must never report a problem the run
     * would not have: when an input's spec is unknown, check nothing about it; an output whose
     * spec depends on the data is left unset (unknown). The default knows nothing: every output
     * unknown, everything checked when the node runs. An exception thrown here is logged and
     * treated as "unknown", never as a problem.
     */
    default void configure(SpecContext context) {
    }

    /**
     * Computes the outputs from the inputs and parameters in {@code context}. Should check
     * {@link NodeContext#checkCancelled()} now and then and report progress.
     *
     * @throws Exception any failure; the run records it against this node with its message, so
     *     messages should say what went wrong in the researcher's terms
     */
    void execute(NodeContext context) throws Exception;
}
