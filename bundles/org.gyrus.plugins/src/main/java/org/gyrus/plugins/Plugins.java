package org.gyrus.plugins;

import java.util.List;
import java.util.Optional;

/**
 * Installs, updates and removes third-party plug-ins in the running Gyrus installation, through
 * p2's planner and engine on the installation's own profile. Every change is one transaction: it
 * completes, or the installation is left exactly as it was and a {@link PluginException} says why
 * (in the planner's words when dependencies cannot be met). Changes are kept across restarts, and
 * the bundles a change adds or removes are started or stopped in the running framework, so the node
 * registry sees new node types at once.
 *
 * <p>Both front ends use this service: the {@code gyrus install}, {@code plugins}, {@code uninstall}
 * and {@code update} commands and the workbench's plug-in dialog.
 */
public interface Plugins {

    /**
     * The features a repository offers (newest version of each).
     *
     * @param source a p2 repository: a URL ({@code file:}, {@code http:}, {@code https:}), a zipped
     *               repository or a local folder
     */
    List<Feature> offered(String source) throws PluginException;

    /** Installs the features {@code featureIds} (with or without {@code .feature.group}) from {@code source}. */
    Change install(String source, List<String> featureIds, TrustPolicy trust) throws PluginException;

    /** Removes an installed plug-in; Gyrus's own features cannot be removed this way. */
    Change uninstall(String featureId) throws PluginException;

    /**
     * Updates one plug-in, or all when {@code featureId} is empty, to the newest version its source
     * repository (recorded when it was installed) offers.
     */
    Change update(Optional<String> featureId, TrustPolicy trust) throws PluginException;

    /** The plug-ins installed with {@link #install}, oldest first. */
    List<InstalledPlugin> installed() throws PluginException;
}
