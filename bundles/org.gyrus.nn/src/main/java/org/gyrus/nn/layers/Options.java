package org.gyrus.nn.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of one module in a network description, read with errors that name the module's
 * type, its place in the network and the option (a researcher editing or debugging a file must
 * see which entry is wrong).
 */
final class Options {

    private final Map<?, ?> map;
    private final String where;

    Options(Map<?, ?> map, String where) {
        this.map = map;
        this.where = where;
    }

    String where() {
        return where;
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException(where + ": " + message);
    }

    /**
     * Refuses options this reader does not know (an option it ignored could change what the network
     * computes, e.g. PyTorch's padding_mode "reflect"), and explicit nulls where a value is needed.
     */
    Options allow(String... names) {
        java.util.Set<String> known = new java.util.HashSet<>(java.util.Arrays.asList(names));
        known.add("type");
        for (Object k : map.keySet()) {
            if (!known.contains(k)) {
                throw error("unknown option \"" + k + "\" (this reader knows " + String.join(", ", names) + ")");
            }
        }
        return this;
    }

    /** Fails if the option is present with a value other than {@code expected}. */
    void only(String name, Object expected, String why) {
        Object v = map.get(name);
        boolean same = java.util.Objects.equals(v, expected)
                || v instanceof Number a && expected instanceof Number b && a.doubleValue() == b.doubleValue();
        if (map.containsKey(name) && !same) {
            throw error("option \"" + name + "\" = " + map.get(name) + " is not supported: " + why);
        }
    }

    boolean isPresent(String name) {
        return map.containsKey(name);
    }

    boolean has(String name) {
        return map.containsKey(name) && map.get(name) != null;
    }

    Object raw(String name) {
        if (!map.containsKey(name)) {
            throw error("option \"" + name + "\" is missing");
        }
        return map.get(name);
    }

    int integer(String name) {
        Object v = raw(name);
        if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw error("option \"" + name + "\" must be an integer, got " + v);
    }

    int integer(String name, int fallback) {
        return has(name) ? integer(name) : fallback;
    }

    float real(String name, float fallback) {
        if (!has(name)) {
            return fallback;
        }
        Object v = map.get(name);
        if (v instanceof Number n) {
            return n.floatValue();
        }
        throw error("option \"" + name + "\" must be a number, got " + v);
    }

    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        Object v = map.get(name);
        if (v instanceof Boolean b) {
            return b;
        }
        throw error("option \"" + name + "\" must be true or false, got " + v);
    }

    String text(String name, String fallback) {
        if (!has(name)) {
            return fallback;
        }
        Object v = map.get(name);
        if (v instanceof String s) {
            return s;
        }
        throw error("option \"" + name + "\" must be a string, got " + v);
    }

    /** An integer or a list of {@code n} integers (PyTorch accepts both for sizes). */
    int[] ints(String name, int n) {
        Object v = raw(name);
        int[] out = new int[n];
        if (v instanceof Number) {
            java.util.Arrays.fill(out, integer(name));
            return out;
        }
        if (!(v instanceof List<?> l) || l.size() != n) {
            throw error("option \"" + name + "\" must be an integer or a list of " + n + " integers, got " + v);
        }
        for (int i = 0; i < n; i++) {
            if (!(l.get(i) instanceof Long x)) {
                throw error("option \"" + name + "\" must hold integers, got " + v);
            }
            out[i] = x.intValue();
        }
        return out;
    }

    int[] ints(String name, int n, int fallback) {
        if (!has(name)) {
            int[] out = new int[n];
            java.util.Arrays.fill(out, fallback);
            return out;
        }
        return ints(name, n);
    }

    /** A list of integers of any length. */
    int[] intList(String name) {
        Object v = raw(name);
        if (!(v instanceof List<?> l)) {
            throw error("option \"" + name + "\" must be a list of integers, got " + v);
        }
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Long x)) {
                throw error("option \"" + name + "\" must hold integers, got " + v);
            }
            out[i] = x.intValue();
        }
        return out;
    }

    /** Starts a description: the type, then options in the order given. */
    static Map<String, Object> describe(String type, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            m.put((String) keyValues[i], v instanceof int[] a ? list(a) : v);
        }
        return m;
    }

    static List<Object> list(int[] a) {
        List<Object> l = new ArrayList<>();
        for (int v : a) {
            l.add(v);
        }
        return l;
    }
}
