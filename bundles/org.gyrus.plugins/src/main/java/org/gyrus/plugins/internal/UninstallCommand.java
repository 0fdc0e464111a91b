package org.gyrus.plugins.internal;

import java.io.PrintStream;
import java.util.List;

import org.gyrus.pipeline.Subcommand;
import org.gyrus.plugins.Change;
import org.gyrus.plugins.Feature;
import org.gyrus.plugins.PluginException;
import org.gyrus.plugins.Plugins;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code gyrus uninstall FEATURE_ID}. */
@Component(service = Subcommand.class)
public final class UninstallCommand implements Subcommand {

    @Reference
    private Plugins plugins;

    @Override
    public String name() {
        return "uninstall";
    }

    @Override
    public String summary() {
        return "removes an installed plug-in";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            if (args.equals(List.of("--help"))) {
                out.println("usage: gyrus uninstall FEATURE_ID");
                return ExitCode.OK;
            }
            err.println("gyrus uninstall: name one installed plug-in (gyrus plugins lists them)\nusage: gyrus uninstall FEATURE_ID");
            return ExitCode.BAD_ARGUMENTS;
        }
        try {
            Change change = plugins.uninstall(args.get(0));
            for (Feature f : change.removed()) {
                out.println("uninstalled " + f.id() + " " + f.version());
            }
            return ExitCode.OK;
        } catch (PluginException e) {
            return ExitCode.report("uninstall", e, err);
        }
    }
}
