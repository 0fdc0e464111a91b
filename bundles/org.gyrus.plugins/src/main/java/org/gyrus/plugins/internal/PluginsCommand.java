package org.gyrus.plugins.internal;

import java.io.PrintStream;
import java.util.List;

import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Subcommand;
import org.gyrus.plugins.PluginException;
import org.gyrus.plugins.Plugins;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code gyrus plugins}: the installed plug-ins with their version, provider, signer and node types.
 * The launcher answers it without the framework while {@link PluginIndex} is current; this is the
 * command when it is not, and it leaves the index current for the next time.
 */
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
            PluginIndex.print(plugins.installed().stream().map(p -> NewNodeTypes.shown(registry, p)).toList(), out, err);
            return ExitCode.OK;
        } catch (PluginException e) {
            return ExitCode.report("plugins", e, err);
        }
    }
}
