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
        try {
            StringWriter text = new StringWriter();
            p.store(text, "Written by gyrus install/uninstall/update: the plug-in each bundle came from");
            Path file = install.resolve(FILE);
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the installed plug-ins in " + install.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The origin of {@code bundle}: plugin, pluginVersion, pluginProvider, signer, trust, source; empty for Gyrus's own. */
    static Map<String, String> read(Path install, String bundle) {
        Path file = install.resolve(FILE);
        Map<String, String> map = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return map;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (String key : List.of("plugin", "pluginVersion", "pluginProvider", "signer", "trust", "source")) {
            String value = p.getProperty(bundle + "." + key);
            if (value != null) {
                map.put(key, value);
            }
        }
        return map;
    }
}
