package org.gyrus.batch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.gyrus.pipeline.ExamplePipeline;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Subcommand;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The {@code gyrus} command line as an Equinox application: finds the registry and runs {@link GyrusCommand}. */
public final class GyrusApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        BundleContext bundles = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<NodeRegistry, NodeRegistry> registry = new ServiceTracker<>(bundles, NodeRegistry.class, null);
        ServiceTracker<Subcommand, Subcommand> subcommands = new ServiceTracker<>(bundles, Subcommand.class, null);
        ServiceTracker<ExamplePipeline, ExamplePipeline> examples = new ServiceTracker<>(bundles, ExamplePipeline.class, null);
        registry.open();
        subcommands.open();
        examples.open();
        try {
            NodeRegistry nodes = registry.waitForService(TimeUnit.SECONDS.toMillis(30));
            if (nodes == null) {
                System.err.println("gyrus: the node registry did not start (is org.apache.felix.scr in the product?)");
                return 4;
            }
            Map<?, Subcommand> found = subcommands.getTracked();
            Map<?, ExamplePipeline> contributed = examples.getTracked();
            return GyrusCommand.execute(nodes, List.copyOf(found.values()), List.copyOf(contributed.values()), args, System.out,
                    System.err);
        } catch (Throwable e) {
            // Equinox would print a stack trace and exit with 0: a failure must never look like success.
            System.err.println("gyrus: the command failed: " + e);
            return ExitCodes.EXECUTION_ERROR;
        } finally {
            examples.close();
            subcommands.close();
            registry.close();
        }
    }

    @Override
    public void stop() {
        // The command runs to completion in start(); Ctrl-C and SIGTERM are handled by Cancellation.
    }
}
