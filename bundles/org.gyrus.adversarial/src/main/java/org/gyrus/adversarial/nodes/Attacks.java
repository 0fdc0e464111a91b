package org.gyrus.adversarial.nodes;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.gyrus.adversarial.AttackResult;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.VolumeSet;
import org.gyrus.pipeline.NodeContext;

/** What the attack nodes share after reading their inputs: naming the node in errors, writing the outputs. */
final class Attacks {

    private Attacks() {
    }

    /** Runs a step, putting the node's name in front of a refusal (a bad parameter, a network without a gradient). */
    static <T> T checked(AttackData data, Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(data.node + ": " + e.getMessage(), e);
        }
    }

    static void write(NodeContext context, AttackData data, AttackResult r) {
        // Both outputs are always set (the pipeline requires it): the form the input did not come in stays empty.
        if (data.isVolumes()) {
            context.output("volumes", data.adversarial(r.adversarial()));
            context.output("samples", new FeatureMatrix(new float[0], List.of(), List.of()));
        } else {
            context.output("samples", data.adversarial(r.adversarial()));
            context.output("volumes", VolumeSet.of(Map.of()));
        }
        context.output("results", data.results(r));
        context.logger().log(System.Logger.Level.INFO, "{0}: success on {1} of {2} samples", data.node,
                Math.round(r.successRate() * r.size()), r.size());
        context.progress(1);
    }

    /** A number as a person writes it: up to four significant digits, no trailing zeros (0.1, not 0.100000). */
    static String g(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }
}
