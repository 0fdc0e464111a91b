package org.gyrus.plugins.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Subcommand;
import org.gyrus.plugins.Change;
import org.gyrus.plugins.Feature;
import org.gyrus.plugins.InstalledPlugin;
import org.gyrus.plugins.PluginException;
import org.gyrus.plugins.Plugins;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code gyrus install SOURCE [FEATURE_ID...] [--trust-unsigned] [--trusted-signers FILE]}. */
@Component(service = Subcommand.class)
public final class InstallCommand implements Subcommand {

    static final String USAGE = "usage: gyrus install SOURCE [FEATURE_ID...] [--trust-unsigned] [--trusted-signers FILE]";

    @Reference
    private Plugins plugins;

    @Reference
    private NodeRegistry registry;

    @Override
    public String name() {
        return "install";
    }

    @Override
    public String summary() {
        return "installs plug-ins from a p2 repository (URL, zip or folder); without FEATURE_IDs lists what it offers";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return ExitCode.OK;
        }
        TrustOptions options;
        try {
            options = TrustOptions.parse(args, RepositorySource.workingDirectory());
        } catch (IllegalArgumentException e) {
            err.println("gyrus install: " + e.getMessage() + "\n" + USAGE);
            return ExitCode.BAD_ARGUMENTS;
        }
        if (options.rest().isEmpty()) {
            err.println("gyrus install: no repository given\n" + USAGE);
            return ExitCode.BAD_ARGUMENTS;
        }
        String source = options.rest().get(0);
        List<String> features = options.rest().subList(1, options.rest().size());
        try {
            if (features.isEmpty()) {
                List<Feature> offered = plugins.offered(source);
                out.println(source + " offers " + offered.size() + (offered.size() == 1 ? " feature:" : " features:"));
                for (Feature f : offered) {
                    out.println("  " + f.id() + " " + f.version() + "  " + f.name() + (f.provider().isEmpty() ? "" : " (" + f.provider() + ")"));
                }
                return ExitCode.OK;
            }
            Change change = plugins.install(source, features, options.policy());
            for (Feature f : change.added()) {
                out.println("installed " + f.id() + " " + f.version());
            }
            report(change, out, err);
            return ExitCode.OK;
        } catch (PluginException e) {
            return ExitCode.report("install", e, err);
        }
    }

    /** Prints, for every plug-in the change added, its node types as the running registry now has them. */
    private void report(Change change, PrintStream out, PrintStream err) throws PluginException {
        Set<String> added = change.added().stream().map(Feature::id).collect(Collectors.toSet());
        for (InstalledPlugin p : plugins.installed()) {
            if (!added.contains(p.feature().id())) {
                continue;
            }
            Set<String> bundles = NewNodeTypes.bundles(p);
            for (InstalledPlugin.PluginBundle b : p.bundles()) {
                out.println("  bundle " + b.symbolicName() + " " + b.version() + ", signer: " + b.signer());
            }
            out.println("  trust: " + p.trust());
            NewNodeTypes.print(registry, bundles, NewNodeTypes.of(registry, bundles, 10_000), "  ", out, err);
        }
    }
}
