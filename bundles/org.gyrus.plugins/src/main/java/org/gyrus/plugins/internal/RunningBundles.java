package org.gyrus.plugins.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * Brings the running framework in line with a changed profile, so that a running workbench sees a
 * plug-in's node types at once (the node registry follows the services as bundles start and stop).
 * The installation's configuration, which the next start reads, is p2's to write.
 */
final class RunningBundles {

    private static final System.Logger LOG = System.getLogger(RunningBundles.class.getName());

    private RunningBundles() {
    }

    /**
     * Installs and starts the bundles {@code after} has and {@code before} has not, and uninstalls
     * those it lost. Keys are {@code id_version}, values symbolic names.
     */
    static void apply(BundleContext context, Path install, Map<String, String> before, Map<String, String> after) {
        for (Map.Entry<String, String> gone : before.entrySet()) {
            if (after.containsKey(gone.getKey())) {
                continue;
            }
            String version = gone.getKey().substring(gone.getValue().length() + 1);
            for (Bundle b : context.getBundles()) {
                if (gone.getValue().equals(b.getSymbolicName()) && b.getVersion().toString().equals(version)) {
                    try {
                        b.uninstall();
                    } catch (BundleException | IllegalStateException e) {
                        LOG.log(System.Logger.Level.WARNING, "could not stop {0}: {1}", gone.getKey(), e.getMessage());
                    }
                }
            }
        }
        List<Bundle> added = new ArrayList<>();
        for (String key : after.keySet()) {
            if (before.containsKey(key)) {
                continue;
            }
            Path jar = install.resolve("plugins").resolve(key + ".jar");
            Path folder = install.resolve("plugins").resolve(key);
            Path where = Files.exists(jar) ? jar : folder;
            if (!Files.exists(where)) {
                continue; // not a bundle of this installation's pool
            }
            try {
                added.add(context.installBundle("reference:" + where.toUri()));
            } catch (BundleException e) {
                LOG.log(System.Logger.Level.WARNING, "could not load {0} now (it will be at the next start): {1}", key, e.getMessage());
            }
        }
        // Removed bundles are not refreshed: nothing imports a plug-in's packages, and a refresh could
        // restart bundles the running command depends on. Their services are gone already.
        for (Bundle b : added) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                b.start(Bundle.START_ACTIVATION_POLICY);
            } catch (BundleException e) {
                LOG.log(System.Logger.Level.WARNING, "could not start {0} now: {1}", b.getSymbolicName(), e.getMessage());
            }
        }
    }
}
