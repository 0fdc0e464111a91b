package org.gyrus.pipeline;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.scijava.plugin.Parameter;

/**
 * One parameter of a node type, read from a field annotated with SciJava's {@code @Parameter}.
 * Supported field types: {@code int}, {@code long}, {@code double}, {@code float}, {@code boolean},
 * {@code String}, enums, {@link Path}, {@code int[]} and {@code double[]}.
 *
 * @param name         the field name; pipeline files use it
 * @param label        the label for forms (the annotation's {@code label}, else the name)
 * @param description  help text
 * @param type         the field's type
 * @param defaultValue the field's initial value in a new instance of the parameters class
 * @param min          the smallest allowed number, or NaN for none
 * @param max          the largest allowed number, or NaN for none
 * @param stepSize     the increment a form's spinner or slider uses, or NaN for none
 * @param choices      the allowed values of a text or enum parameter; empty for any
 * @param style        a hint for forms (for paths: {@code open}, {@code save}, {@code directory})
 * @param required     whether a value must be given (true when there is no default)
 */
public record ParameterDescriptor(String name, String label, String description, Class<?> type, Object defaultValue,
        double min, double max, double stepSize, List<String> choices, String style, boolean required) {

    private static final List<Class<?>> SUPPORTED = List.of(int.class, long.class, double.class, float.class,
            boolean.class, String.class, Path.class, int[].class, double[].class);

    /** Copies the choices. */
    public ParameterDescriptor {
        choices = List.copyOf(choices);
    }

    /**
     * The parameters declared by the public {@code @Parameter} fields of {@code type}, in declaration order.
     *
     * @throws IllegalArgumentException if the class has no public no-argument constructor, a field
     *     has an unsupported type, or a bound does not parse
     */
    public static List<ParameterDescriptor> readAll(Class<?> type) {
        Object defaults = instantiate(type);
        List<ParameterDescriptor> out = new ArrayList<>();
        for (Field f : type.getFields()) {
            Parameter p = f.getAnnotation(Parameter.class);
            if (p == null || Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            Class<?> t = f.getType();
            if (!t.isEnum() && !SUPPORTED.contains(t)) {
                throw new IllegalArgumentException("Parameter '" + f.getName() + "' of " + type.getName()
                        + " has type " + t.getSimpleName() + ", which parameters cannot have");
            }
            Object def;
            try {
                def = f.get(defaults);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("Parameter '" + f.getName() + "' is not accessible", e);
            }
            List<String> choices = new ArrayList<>(Arrays.asList(p.choices()));
            if (t.isEnum() && choices.isEmpty()) {
                for (Object c : t.getEnumConstants()) {
                    choices.add(((Enum<?>) c).name());
                }
            }
            String label = p.label().isEmpty() ? f.getName() : p.label();
            out.add(new ParameterDescriptor(f.getName(), label, p.description(), t, copyArray(def),
                    bound(p.min(), f), bound(p.max(), f), bound(p.stepSize(), f), choices, p.style(),
                    p.required() && def == null));
        }
        return out;
    }

    /**
     * Converts a value as it appears in a pipeline file or on the command line (a number, boolean,
     * string or list) to this parameter's type, and checks it against the range and choices.
     *
     * @throws IllegalArgumentException with a message naming the parameter, the value and what was expected
     */
    public Object convert(Object raw) {
        if (raw == null) {
            throw invalid(raw, "a value is required");
        }
        Object v = coerce(raw);
        check(v);
        return v;
    }

    /** The default value, a fresh copy for arrays. */
    @Override
    public Object defaultValue() {
        return copyArray(defaultValue);
    }

    private Object coerce(Object raw) {
        try {
            if (type == int.class) {
                return Math.toIntExact(integral(raw));
            }
            if (type == long.class) {
                return integral(raw);
            }
            if (type == double.class) {
                return number(raw);
            }
            if (type == float.class) {
                return (float) number(raw);
            }
            if (type == boolean.class) {
                if (raw instanceof Boolean b) {
                    return b;
                }
                String s = raw.toString().trim().toLowerCase(Locale.ROOT);
                if (s.equals("true") || s.equals("false")) {
                    return Boolean.parseBoolean(s);
                }
                throw invalid(raw, "expected true or false");
            }
            if (type == String.class) {
                if (raw instanceof String || raw instanceof Number || raw instanceof Boolean) {
                    return raw.toString();
                }
                throw invalid(raw, "expected text");
            }
            if (type == Path.class) {
                if (raw instanceof Path p) {
                    return p;
                }
                if (raw instanceof String s && !s.isBlank()) {
                    return Path.of(s);
                }
                throw invalid(raw, "expected a file path");
            }
            if (type.isEnum()) {
                String s = raw.toString().trim();
                for (Object c : type.getEnumConstants()) {
                    if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
                        return c;
                    }
                }
                throw invalid(raw, "expected one of " + choices);
            }
            if (type == int[].class || type == double[].class) {
                List<?> items = raw instanceof List<?> l ? l
                        : raw.getClass().isArray() ? arrayToList(raw)
                        : raw.toString().isBlank() ? List.of() : Arrays.asList(raw.toString().split("\\s*,\\s*"));
                Object arr = Array.newInstance(type.getComponentType(), items.size());
                for (int i = 0; i < items.size(); i++) {
                    if (type == int[].class) {
                        Array.setInt(arr, i, Math.toIntExact(integral(items.get(i))));
                    } else {
                        Array.setDouble(arr, i, number(items.get(i)));
                    }
                }
                return arr;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(raw, "expected " + (type == int.class || type == long.class || type == int[].class
                    ? "a whole number" : "a number"));
        }
        throw new IllegalStateException("unsupported parameter type " + type);
    }

    private void check(Object v) {
        if (v instanceof Number n) {
            checkRange(v, n.doubleValue());
        } else if (v instanceof int[] a) {
            for (int x : a) {
                checkRange(v, x);
            }
        } else if (v instanceof double[] a) {
            for (double x : a) {
                checkRange(v, x);
            }
        }
        if (!choices.isEmpty()) {
            String s = v instanceof Enum<?> e ? e.name() : v.toString();
            if (!choices.contains(s)) {
                throw invalid(v, "expected one of " + choices);
            }
        }
    }

    private void checkRange(Object v, double x) {
        if (Double.isNaN(x) && (!Double.isNaN(min) || !Double.isNaN(max))) {
            throw invalid(v, "NaN is not a valid value");
        }
        if (!Double.isNaN(min) && x < min) {
            throw invalid(v, "must be at least " + format(min));
        }
        if (!Double.isNaN(max) && x > max) {
            throw invalid(v, "must be at most " + format(max));
        }
    }

    private IllegalArgumentException invalid(Object raw, String why) {
        String shown = raw == null ? "nothing" : raw.getClass().isArray() ? arrayToList(raw).toString() : "'" + raw + "'";
        return new IllegalArgumentException("Parameter '" + name + "': " + shown + " is not valid: " + why);
    }

    private static long integral(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        double d = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(raw.toString().trim());
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw new NumberFormatException();
        }
        if (Math.abs(d) > 9.0e15) {
            throw new ArithmeticException();
        }
        return (long) d;
    }

    private static double number(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof Boolean) {
            throw new NumberFormatException();
        }
        return Double.parseDouble(raw.toString().trim());
    }

    private static List<Object> arrayToList(Object array) {
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            l.add(Array.get(array, i));
        }
        return l;
    }

    private static Object copyArray(Object v) {
        if (v instanceof int[] a) {
            return a.clone();
        }
        return v instanceof double[] a ? a.clone() : v;
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static double bound(String text, Field f) {
        if (text == null || text.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Parameter '" + f.getName() + "': bound '" + text + "' is not a number");
        }
    }

    static Object instantiate(Class<?> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException("Parameters class " + type.getName()
                    + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("Parameters class " + type.getName() + " failed to construct", e.getCause());
        }
    }
}
