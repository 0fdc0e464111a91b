package org.gyrus.plugins.internal;

import java.io.PrintStream;
import java.util.List;

import org.gyrus.pipeline.Subcommand;
import org.gyrus.plugins.Change;
import org.gyrus.plugins.PluginException;
import org.gyrus.plugins.Plugins;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code gyrus update [FEATURE_ID] [--trust-unsigned] [--trusted-signers FILE]}. */
@Component(service = Subcommand.class)
public final class UpdateCommand implements Subcommand {

    @Reference
    private Plugins plugins;

    @Override
    public String name() {
        return "update";
    }

    @Override
    public String summary() {
        return "updates one plug-in, or all, to the newest version their repositories offer";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        TrustOptions options;
        try {
            options = TrustOptions.parse(args, RepositorySource.workingDirectory());
        } catch (IllegalArgumentException e) {
            err.println("gyrus update: " + e.getMessage());
            return ExitCode.BAD_ARGUMENTS;
        }
        if (options.rest().size() > 1) {
            err.println("gyrus update: name at most one plug-in\nusage: gyrus update [FEATURE_ID] [--trust-unsigned] [--trusted-signers FILE]");
            return ExitCode.BAD_ARGUMENTS;
        }
        try {
            Change change = plugins.update(options.rest().stream().findFirst(), options.policy());
            if (change.isEmpty()) {
                out.println("nothing to update: every plug-in is at the newest version its repository offers");
            }
            for (int i = 0; i < change.added().size(); i++) {
                out.println("updated " + change.removed().get(i) + " to " + change.added().get(i).version());
            }
            return ExitCode.OK;
        } catch (PluginException e) {
            return ExitCode.report("update", e, err);
        }
    }
}
