package org.gyrus.pipeline;

import java.util.Map;
import java.util.Optional;

/**
 * Where installed bundles came from, so that a run's provenance says which plug-in versions ran and
 * how they were trusted. The plug-in installer ({@code org.gyrus.plugins}) offers it as an OSGi
 * service; {@link Provenance#origins} records it for every bundle whose nodes ran.
 */
public interface BundleOrigins {

    /** Nobody knows: every bundle is Gyrus's own. */
    BundleOrigins NONE = bundle -> Map.of();

    /**
     * The origin of a bundle, for example {@code plugin}, {@code pluginVersion}, {@code signer},
     * {@code trust}; empty for a bundle that was not installed as a plug-in.
     */
    Map<String, String> of(String bundleSymbolicName);

    /**
     * The plug-in that provided a node type that is no longer installed, for example
     * {@code "the plug-in org.example.intensity.feature 1.0.0.2026..., uninstalled 2026-12-01T06:04Z (from file:/...)"};
     * empty when nobody knows.
     */
    default Optional<String> formerProvider(String nodeTypeId) {
        return Optional.empty();
    }
}
