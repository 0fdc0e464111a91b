package org.gyrus.plugins.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Subcommand;
import org.gyrus.plugins.InstalledPlugin;
import org.gyrus.plugins.PluginException;
import org.gyrus.plugins.Plugins;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code gyrus plugins}: the installed plug-ins with their version, provider, signer and node types. */
@Component(service = Subcommand.class)
public final class PluginsCommand implements Subcommand {

    @Reference
    private Plugins plugins;

    @Reference
    private NodeRegistry registry;

    @Override
    public String name() {
        return "plugins";
    }

    @Override
    public String summary() {
        return "lists the installed plug-ins: feature, version, provider, signer, the node types each contributes";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && !args.equals(List.of("--help")) && !args.equals(List.of("-h"))) {
            err.println("gyrus plugins: takes no arguments, got " + args);
            return ExitCode.BAD_ARGUMENTS;
        }
        if (!args.isEmpty()) {
            out.println("usage: gyrus plugins");
            return ExitCode.OK;
        }
        try {
            List<InstalledPlugin> installed = plugins.installed();
            if (installed.isEmpty()) {
                out.println("no plug-ins installed (gyrus install SOURCE lists what a repository offers)");
            }
            for (InstalledPlugin p : installed) {
                out.println(p.feature().id() + " " + p.feature().version() + "  " + p.feature().name()
                        + (p.feature().provider().isEmpty() ? "" : "  provider: " + p.feature().provider()));
                out.println("  source: " + p.source());
                out.println("  trust: " + p.trust());
                for (InstalledPlugin.PluginBundle b : p.bundles()) {
                    out.println("  bundle " + b.symbolicName() + " " + b.version() + ", signer: " + b.signer());
                }
                Set<String> bundles = NewNodeTypes.bundles(p);
                NewNodeTypes.print(registry, bundles, NewNodeTypes.of(registry, bundles, 0), "  ", out, err);
            }
            return ExitCode.OK;
        } catch (PluginException e) {
            return ExitCode.report("plugins", e, err);
        }
    }
}
