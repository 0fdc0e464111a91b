package org.gyrus.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known of a {@link ModelArtifact} before it is fitted: its kind (what can apply it), the
 * columns or features it is fitted on when known, and kind-specific facts (a PCA's number of
 * components, an autoencoder's code size) in {@code details}.
 *
 * @param kind    the artifact's kind, as {@link ModelArtifact#kind()}
 * @param inputs  the columns or features it is fitted on, in order, or {@code null} when not known
 * @param details further facts: JSON-like values (String, Number, Boolean, List)
 */
public record ModelSpec(String kind, List<String> inputs, Map<String, Object> details) implements DataSpec {

    /** Copies the lists. */
    public ModelSpec {
        java.util.Objects.requireNonNull(kind, "kind");
        inputs = inputs == null ? null : List.copyOf(inputs);
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A model of kind {@code kind} of which nothing else is known. */
    public static ModelSpec ofKind(String kind) {
        return new ModelSpec(kind, null, Map.of());
    }

    /** The detail {@code key} as a number, if given. */
    public java.util.Optional<Number> number(String key) {
        return details.get(key) instanceof Number n ? java.util.Optional.of(n) : java.util.Optional.empty();
    }
}
