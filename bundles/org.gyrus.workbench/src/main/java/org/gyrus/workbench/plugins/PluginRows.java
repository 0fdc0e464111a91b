package org.gyrus.workbench.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.gyrus.pipeline.RegisteredNode;
import org.gyrus.plugins.InstalledPlugin;

/**
 * The rows of the Plug-ins dialog's table: each installed plug-in with its signers, the trust
 * choice made when it was installed and the node types the running registry has from its bundles
 * (what {@code gyrus plugins} prints). Plain Java, so the dialog only shows it.
 */
public final class PluginRows {

    /**
     * One installed plug-in.
     *
     * @param id        the feature id
     * @param version   its version
     * @param name      its name
     * @param provider  its provider ("" when not said)
     * @param signer    its bundles' signers, each once ({@code unsigned} for unsigned bundles)
     * @param trust     the trust choice recorded when it was installed
     * @param source    the repository it came from
     * @param nodeTypes the node types its bundles provide now, as {@code id version}, sorted
     */
    public record Row(String id, String version, String name, String provider, String signer, String trust, String source,
            List<String> nodeTypes) {
    }

    private PluginRows() {
    }

    /** One row per plug-in, in the order given; {@code nodes} are the registry's node types, used and shadowed. */
    public static List<Row> of(List<InstalledPlugin> plugins, Collection<RegisteredNode> nodes) {
        List<Row> rows = new ArrayList<>();
        for (InstalledPlugin p : plugins) {
            Set<String> bundles = new LinkedHashSet<>();
            Set<String> signers = new LinkedHashSet<>();
            for (InstalledPlugin.PluginBundle b : p.bundles()) {
                bundles.add(b.symbolicName());
                signers.add(b.signer());
            }
            Set<String> types = new TreeSet<>();
            for (RegisteredNode n : nodes) {
                if (bundles.contains(n.bundle())) {
                    types.add(n.id() + " " + n.version());
                }
            }
            rows.add(new Row(p.feature().id(), p.feature().version(), p.feature().name(), p.feature().provider(),
                    signers.isEmpty() ? "no bundles" : String.join("; ", signers), p.trust() == null ? "" : p.trust(), p.source(),
                    List.copyOf(types)));
        }
        return rows;
    }
}
