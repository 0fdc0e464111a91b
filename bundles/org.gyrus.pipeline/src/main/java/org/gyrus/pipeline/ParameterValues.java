package org.gyrus.pipeline;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked parameter values of one node: every declared parameter has a value of its declared
 * type, the given one or the default. Immutable.
 */
public final class ParameterValues {

    private final Map<String, Object> values;

    private ParameterValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Resolves given values against declared parameters: converts and checks each given value,
     * fills in defaults.
     *
     * @throws IllegalArgumentException for an undeclared name, an invalid value or a missing required one
     */
    public static ParameterValues resolve(List<ParameterDescriptor> declared, Map<String, ?> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : given.keySet()) {
            if (declared.stream().noneMatch(d -> d.name().equals(name))) {
                throw new IllegalArgumentException("There is no parameter '" + name + "'; the parameters are "
                        + declared.stream().map(ParameterDescriptor::name).toList());
            }
        }
        for (ParameterDescriptor d : declared) {
            Object raw = given.get(d.name());
            if (raw != null) {
                out.put(d.name(), d.convert(raw));
            } else if (d.defaultValue() != null) {
                out.put(d.name(), d.defaultValue());
            } else if (d.required()) {
                throw new IllegalArgumentException("Parameter '" + d.name() + "' needs a value");
            }
        }
        return new ParameterValues(out);
    }

    /** The values by name, read-only. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The value of {@code name}, {@code null} if it has none. */
    public Object get(String name) {
        return values.get(name);
    }

    /**
     * A new instance of {@code type} (the node's parameters class) with its {@code @Parameter}
     * fields set to these values.
     */
    public <P> P bind(Class<P> type) {
        P target = type.cast(ParameterDescriptor.instantiate(type));
        for (Map.Entry<String, Object> e : values.entrySet()) {
            try {
                Field f = type.getField(e.getKey());
                Object v = e.getValue();
                f.set(target, v instanceof int[] a ? a.clone() : v instanceof double[] d ? d.clone() : v);
            } catch (NoSuchFieldException | IllegalAccessException ex) {
                throw new IllegalArgumentException("Parameters class " + type.getName() + " has no public field '"
                        + e.getKey() + "'", ex);
            }
        }
        return target;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterValues p && CanonicalValue.of(p.values).equals(CanonicalValue.of(values));
    }

    @Override
    public int hashCode() {
        return CanonicalValue.of(values).hashCode();
    }

    @Override
    public String toString() {
        return CanonicalValue.of(values);
    }
}
