package org.gyrus.plugins.internal;

import java.util.Map;
import java.util.Optional;

import org.gyrus.pipeline.BundleOrigins;
import org.gyrus.plugins.PluginException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Tells provenance records which plug-in a bundle came from, from what the last change recorded. */
@Component(service = BundleOrigins.class)
public final class PluginOrigins implements BundleOrigins {

    @Reference
    private org.gyrus.plugins.Plugins plugins;

    @Override
    public Map<String, String> of(String bundleSymbolicName) {
        if (!(plugins instanceof P2Plugins p2)) {
            return Map.of();
        }
        try {
            return Origins.read(p2.installFolder(), bundleSymbolicName);
        } catch (PluginException e) {
            return Map.of();
        }
    }

    @Override
    public Optional<String> formerProvider(String nodeTypeId) {
        if (!(plugins instanceof P2Plugins p2)) {
            return Optional.empty();
        }
        try {
            return Origins.former(p2.installFolder(), nodeTypeId);
        } catch (PluginException e) {
            return Optional.empty();
        }
    }
}
