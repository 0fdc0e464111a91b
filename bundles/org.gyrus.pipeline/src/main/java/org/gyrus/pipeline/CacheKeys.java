package org.gyrus.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.gyrus.pipeline.internal.Sha256;

/**
 * The cache key of every node of a plan: SHA-256 of the node type id and version, the providing
 * bundle and its version, the seed, the parameter values (a file or directory parameter by the
 * SHA-256 of its content) and the keys of the inputs. Because a key includes its inputs' keys,
 * editing one node changes its key and every key downstream of it, and nothing else.
 */
final class CacheKeys {

    /** Raised when the way keys are made changes, so that old entries are never reused. */
    private static final int SCHEME = 1;

    private CacheKeys() {
    }

    static Map<String, String> of(Plan plan) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Plan.Step s : plan.steps()) {
            keys.put(s.id(), of(s, keys));
        }
        return keys;
    }

    private static String of(Plan.Step s, Map<String, String> upstream) {
        StringBuilder b = new StringBuilder();
        b.append("gyrus-cache-key ").append(SCHEME).append('\n');
        b.append("type ").append(s.node().id()).append(' ').append(s.node().version()).append('\n');
        b.append("bundle ").append(s.node().bundle()).append(' ').append(s.node().bundleVersion()).append('\n');
        b.append("seed ").append(s.seed()).append('\n');
        for (Map.Entry<String, Object> p : new TreeMap<>(s.parameters().asMap()).entrySet()) {
            b.append("parameter ").append(p.getKey()).append('=').append(CanonicalValue.of(p.getValue()));
            if (p.getValue() instanceof Path path) {
                b.append(" sha256=").append(contentHash(path));
            }
            b.append('\n');
        }
        for (Map.Entry<String, Plan.Source> in : new TreeMap<>(s.inputs()).entrySet()) {
            b.append("input ").append(in.getKey()).append('=').append(upstream.get(in.getValue().node())).append('/')
                    .append(in.getValue().port()).append('\n');
        }
        return Sha256.of(b.toString());
    }

    private static String contentHash(Path path) {
        try {
            return Sha256.ofPath(path);
        } catch (IOException e) {
            // The node will fail on the missing file itself; the key must merely never match a real file's.
            return "unreadable:" + e.getClass().getSimpleName();
        }
    }
}
