package org.gyrus.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why a node was computed instead of taken from the cache, in one line: which part of its cache
 * key differs from the key it had when it last ran (a parameter, an input file's content, the
 * node or bundle version, the seed, an upstream result), or that the key is the same but the
 * result is gone.
 */
final class RecomputeReason {

    /** Differences named in one line at most; the rest are counted. */
    private static final int SHOWN = 3;

    private RecomputeReason() {
    }

    /** The line for a node whose previous key parts are {@code before} (null: none known) and now {@code now}. */
    static String of(List<CacheKeys.Part> before, List<CacheKeys.Part> now) {
        if (before == null) {
            return "not run before with this cache";
        }
        Map<String, CacheKeys.Part> old = index(before);
        Map<String, CacheKeys.Part> cur = index(now);
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, CacheKeys.Part> e : cur.entrySet()) {
            CacheKeys.Part was = old.get(e.getKey());
            if (was == null) {
                changes.add(added(e.getValue()));
            } else if (!was.value().equals(e.getValue().value())) {
                changes.add(changed(was, e.getValue()));
            }
        }
        for (Map.Entry<String, CacheKeys.Part> e : old.entrySet()) {
            String r = cur.containsKey(e.getKey()) ? "" : removed(e.getValue());
            if (!r.isEmpty()) {
                changes.add(r);
            }
        }
        if (changes.isEmpty()) {
            return "its key is unchanged but its result was not in the cache (not stored, evicted or discarded)";
        }
        String line = String.join("; ", changes.subList(0, Math.min(SHOWN, changes.size())));
        return changes.size() > SHOWN ? line + "; and " + (changes.size() - SHOWN) + " more changes" : line;
    }

    private static Map<String, CacheKeys.Part> index(List<CacheKeys.Part> parts) {
        Map<String, CacheKeys.Part> m = new LinkedHashMap<>();
        for (CacheKeys.Part p : parts) {
            m.put(p.kind() + "\t" + p.label(), p);
        }
        return m;
    }

    private static String changed(CacheKeys.Part was, CacheKeys.Part now) {
        return switch (now.kind()) {
            case "type" -> "node type " + now.label() + " changed version (" + was.value() + " \u2192 " + now.value() + ")";
            case "bundle" -> "bundle " + now.label() + " changed (" + was.value() + " \u2192 " + now.value() + ")";
            case "seed" -> "seed changed (" + was.value() + " \u2192 " + now.value() + ")";
            case "parameter" -> "parameter '" + now.label() + "' changed (" + shorten(was.value()) + " \u2192 " + shorten(now.value()) + ")";
            case "file" -> "input file " + file(now.label()) + " changed content";
            case "input" -> "upstream result changed (" + input(now.label()) + ")";
            default -> now.kind() + " " + now.label() + " changed";
        };
    }

    private static String added(CacheKeys.Part p) {
        return switch (p.kind()) {
            case "file" -> "new input file " + file(p.label());
            case "parameter" -> "parameter '" + p.label() + "' set (" + shorten(p.value()) + ")";
            case "input" -> "input connected (" + input(p.label()) + ")";
            case "type" -> "node type changed to " + p.label() + " " + p.value();
            case "bundle" -> "now provided by bundle " + p.label() + " " + p.value();
            default -> p.kind() + " " + p.label() + " added";
        };
    }

    private static String removed(CacheKeys.Part p) {
        return switch (p.kind()) {
            case "file" -> "input file " + file(p.label()) + " no longer read";
            case "parameter" -> "parameter '" + p.label() + "' no longer set";
            case "input" -> "input disconnected (" + input(p.label()) + ")";
            case "type", "bundle" -> "";
            default -> p.kind() + " " + p.label() + " removed";
        };
    }

    /** {@code "sub-01.nii" (parameter 'file')} from {@code file:sub-01.nii}. */
    private static String file(String label) {
        int colon = label.indexOf(':');
        return colon < 0 ? "'" + label + "'" : "'" + label.substring(colon + 1) + "' (parameter '" + label.substring(0, colon) + "')";
    }

    /** {@code input 'table' from node 'read'} from {@code table←read.table}. */
    private static String input(String label) {
        int arrow = label.indexOf('\u2190');
        if (arrow < 0) {
            return "input '" + label + "'";
        }
        String from = label.substring(arrow + 1);
        int dot = from.lastIndexOf('.');
        String node = dot < 0 ? from : from.substring(0, dot);
        return "input '" + label.substring(0, arrow) + "' from node '" + node + "'";
    }

    private static String shorten(String v) {
        Objects.requireNonNull(v);
        return v.length() <= 60 ? v : v.substring(0, 57) + "...";
    }
}
