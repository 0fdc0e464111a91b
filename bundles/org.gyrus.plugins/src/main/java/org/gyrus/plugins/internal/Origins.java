package org.gyrus.plugins.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.gyrus.data.AtomicFile;
import org.gyrus.plugins.InstalledPlugin;

/**
 * Which plug-in each installed bundle came from, written after every change so that runs can
 * record it in their provenance without opening p2: {@code p2/org.gyrus.plugins/origins.properties}
 * in the installation.
 */
final class Origins {

    static final String FILE = "p2/org.gyrus.plugins/origins.properties";
    /** Node types of plug-ins that were uninstalled, with the plug-in they came from. */
    static final String FORMER = "p2/org.gyrus.plugins/uninstalled-node-types.properties";

    private Origins() {
    }

    static void write(Path install, List<InstalledPlugin> plugins) {
        Properties p = new Properties();
        for (InstalledPlugin plugin : plugins) {
            for (InstalledPlugin.PluginBundle b : plugin.bundles()) {
                p.setProperty(b.symbolicName() + ".plugin", plugin.feature().id());
                p.setProperty(b.symbolicName() + ".pluginVersion", plugin.feature().version());
                p.setProperty(b.symbolicName() + ".pluginProvider", plugin.feature().provider());
                p.setProperty(b.symbolicName() + ".signer", b.signer());
                p.setProperty(b.symbolicName() + ".trust", plugin.trust() == null ? "" : plugin.trust());
                p.setProperty(b.symbolicName() + ".source", plugin.source());
            }
        }
        store(install.resolve(FILE), p, "Written by gyrus install/uninstall/update: the plug-in each bundle came from");
    }

    /**
     * Remembers, for each node type of a bundle about to be removed, the plug-in it came from, so
     * that a pipeline that still uses it can say which plug-in and version to reinstall.
     *
     * @param nodeTypes node type id to the bundle that provides it
     */
    static void rememberRemoved(Path install, Map<String, String> nodeTypes) {
        if (nodeTypes.isEmpty()) {
            return;
        }
        Properties former = load(install.resolve(FORMER));
        String when = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        nodeTypes.forEach((id, bundle) -> {
            Map<String, String> o = read(install, bundle);
            if (o.containsKey("plugin")) {
                former.setProperty(id, "the plug-in " + o.get("plugin") + " " + o.get("pluginVersion") + ", uninstalled " + when
                        + " (from " + o.getOrDefault("source", "?") + ")");
            }
        });
        store(install.resolve(FORMER), former, "Written by gyrus uninstall/update: where node types that are gone came from");
    }

    /** What {@link #rememberRemoved} recorded of a node type, if anything. */
    static java.util.Optional<String> former(Path install, String nodeTypeId) {
        return java.util.Optional.ofNullable(load(install.resolve(FORMER)).getProperty(nodeTypeId));
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try {
                p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    private static void store(Path file, Properties p, String comment) {
        try {
            StringWriter text = new StringWriter();
            p.store(text, comment);
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The origin of {@code bundle}: plugin, pluginVersion, pluginProvider, signer, trust, source; empty for Gyrus's own. */
    static Map<String, String> read(Path install, String bundle) {
        Map<String, String> map = new LinkedHashMap<>();
        Properties p = load(install.resolve(FILE));
        for (String key : List.of("plugin", "pluginVersion", "pluginProvider", "signer", "trust", "source")) {
            String value = p.getProperty(bundle + "." + key);
            if (value != null) {
                map.put(key, value);
            }
        }
        return map;
    }
}
