package org.gyrus.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gyrus.pipeline.internal.FileHashes;
import org.gyrus.pipeline.internal.Sha256;

/**
 * The cache key of every node of a plan: SHA-256 of its parts, which are the node type id and
 * version, the providing bundle and its version, the seed, the parameter values and the keys of
 * the inputs. Because a key includes its inputs' keys, editing one node changes its key and every
 * key downstream of it, and nothing else.
 *
 * <p>A path parameter that a node reads (style {@code open} or {@code directory}) enters by the
 * names and contents of the files it stands for ({@link NodeDescriptor#files}), not by where they
 * lie: moving the data folder changes no key. A path a node writes to (style {@code save}) enters
 * by its location. The thread budget is no part of a key: results do not depend on it.
 */
final class CacheKeys {

    /** Raised when the way keys are made changes, so that old entries are never reused. */
    private static final int SCHEME = 2;

    /**
     * One part of a key: what it is ({@code type}, {@code bundle}, {@code seed}, {@code parameter},
     * {@code file}, {@code input}), which one (a parameter's name, a file's name), and its value.
     */
    record Part(String kind, String label, String value) {

        String line() {
            return kind + '\t' + label + '\t' + value.replace('\n', ' ');
        }

        static Part parse(String line) {
            String[] f = line.split("\t", 3);
            return f.length == 3 ? new Part(f[0], f[1], f[2]) : new Part("other", line, "");
        }
    }

    /**
     * The key of one node with the parts it was made of.
     *
     * @param hash  the key
     * @param parts what went into it, in order
     */
    record Key(String hash, List<Part> parts) {

        /** The parts as text, one per line (what the cache remembers to explain a later miss). */
        String text() {
            StringBuilder b = new StringBuilder();
            parts.forEach(p -> b.append(p.line()).append('\n'));
            return b.toString();
        }
    }

    private CacheKeys() {
    }

    static Map<String, Key> of(Plan plan, FileHashes hashes) {
        Map<String, Key> keys = new LinkedHashMap<>();
        for (Plan.Step s : plan.steps()) {
            keys.put(s.id(), of(s, keys, hashes));
        }
        return keys;
    }

    private static Key of(Plan.Step s, Map<String, Key> upstream, FileHashes hashes) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("type", s.node().id(), s.node().version().toString()));
        parts.add(new Part("bundle", s.node().bundle(), s.node().bundleVersion()));
        parts.add(new Part("seed", "", Long.toString(s.seed())));
        NodeDescriptor d = s.node().descriptor();
        for (Map.Entry<String, Object> p : new TreeMap<>(s.parameters().asMap()).entrySet()) {
            String style = d.parameter(p.getKey()).map(ParameterDescriptor::style).orElse("");
            if (p.getValue() instanceof Path path && (style.equals("open") || style.equals("directory"))) {
                files(d, p.getKey(), path, parts, hashes);
            } else {
                parts.add(new Part("parameter", p.getKey(), CanonicalValue.of(p.getValue())));
                if (p.getValue() instanceof Path path && !style.equals("save")) {
                    // A path of unknown use: keyed by where it is and by what it holds.
                    files(d, p.getKey(), path, parts, hashes);
                }
            }
        }
        for (Map.Entry<String, Plan.Source> in : new TreeMap<>(s.inputs()).entrySet()) {
            Plan.Source src = in.getValue();
            parts.add(new Part("input", in.getKey() + "\u2190" + src.node() + "." + src.port(), upstream.get(src.node()).hash()));
        }
        StringBuilder b = new StringBuilder("gyrus-cache-key ").append(SCHEME).append('\n');
        parts.forEach(p -> b.append(p.line()).append('\n'));
        return new Key(Sha256.of(b.toString()), List.copyOf(parts));
    }

    /** One part per file the path stands for: its name (relative to a folder) and its content hash. */
    private static void files(NodeDescriptor d, String parameter, Path path, List<Part> parts, FileHashes hashes) {
        List<Path> files;
        try {
            files = d.files(parameter).files(path);
        } catch (IOException | RuntimeException e) {
            // The node will fail on the path itself; the key must merely never match a real one.
            parts.add(new Part("file", parameter + ":" + path.getFileName(), "unreadable:" + e.getClass().getSimpleName()));
            return;
        }
        Path base = path.toAbsolutePath().normalize();
        base = java.nio.file.Files.isDirectory(base) ? base : base.getParent();
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            String name = base != null && abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : abs.toString();
            parts.add(new Part("file", parameter + ":" + name, contentHash(abs, hashes)));
        }
    }

    /** The files that the path parameters of a node read or name, for the provenance record. */
    static List<Path> filesRead(Plan.Step s) {
        List<Path> out = new ArrayList<>();
        NodeDescriptor d = s.node().descriptor();
        for (Map.Entry<String, Object> p : s.parameters().asMap().entrySet()) {
            String style = d.parameter(p.getKey()).map(ParameterDescriptor::style).orElse("");
            if (p.getValue() instanceof Path path && !style.equals("save")) {
                try {
                    d.files(p.getKey()).files(path).forEach(f -> out.add(f.toAbsolutePath().normalize()));
                } catch (IOException | RuntimeException e) {
                    out.add(path.toAbsolutePath().normalize());
                }
            }
        }
        return out;
    }

    private static String contentHash(Path path, FileHashes hashes) {
        try {
            return "sha256=" + hashes.of(path);
        } catch (IOException e) {
            return "unreadable:" + e.getClass().getSimpleName();
        }
    }
}
