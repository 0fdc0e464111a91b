package org.gyrus.io.nodes;

import java.io.PrintStream;
import java.util.List;

import org.gyrus.io.info.VolumeInfo;
import org.gyrus.pipeline.Subcommand;
import org.osgi.service.component.annotations.Component;

/** Contributes {@code gyrus info} to the command line; the work is {@link VolumeInfo}'s. */
@Component(service = Subcommand.class)
public final class InfoCommand implements Subcommand {

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return VolumeInfo.summary();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return VolumeInfo.run(args, out, err);
    }
}
