package org.gyrus.plugins;

import java.util.List;

/**
 * A plug-in installed with {@code gyrus install}.
 *
 * @param feature the installed feature
 * @param source  the repository it was installed from (where {@code update} looks)
 * @param trust   the trust choice made when it was installed: {@code signed by a trusted signer} or
 *                {@code accepted with --trust-unsigned}
 * @param bundles its bundles, each with its version and signer
 */
public record InstalledPlugin(Feature feature, String source, String trust, List<PluginBundle> bundles) {

    /**
     * A bundle of an installed plug-in.
     *
     * @param symbolicName its symbolic name; the node types it provides carry it as their bundle
     * @param version      its version
     * @param signer       the signer's distinguished name and certificate fingerprint, or {@code unsigned}
     */
    public record PluginBundle(String symbolicName, String version, String signer) {
    }
}
