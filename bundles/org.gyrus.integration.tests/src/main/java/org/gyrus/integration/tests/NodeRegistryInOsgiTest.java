package org.gyrus.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.gyrus.data.NumericColumn;
import org.gyrus.data.Table;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeRegistryListener;
import org.gyrus.pipeline.NodeRun;
import org.gyrus.pipeline.RegisteredNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The registry as a running Gyrus sees it: node types arrive and leave with their bundles. */
class NodeRegistryInOsgiTest {

    private static final String PLUGIN_NODE = "org.gyrus.testnodes.scale-column";

    private static BundleContext context;
    private static ServiceTracker<NodeRegistry, NodeRegistry> tracker;
    private static NodeRegistry registry;

    @BeforeAll
    static void findRegistry() throws InterruptedException {
        context = FrameworkUtil.getBundle(NodeRegistryInOsgiTest.class).getBundleContext();
        tracker = new ServiceTracker<>(context, NodeRegistry.class, null);
        tracker.open();
        registry = tracker.waitForService(TimeUnit.SECONDS.toMillis(20));
        assertNotNull(registry, "the NodeRegistry service did not appear: is Felix SCR started?");
    }

    @AfterAll
    static void close() {
        tracker.close();
    }

    @Test
    void samplesNodeTypeIsRegisteredThroughDeclarativeServices() {
        RegisteredNode cohort = registry.find("org.gyrus.samples.cohort").orElseThrow(
                () -> new AssertionError("samples node missing; registered: " + registry.nodeTypes()));
        assertEquals("org.gyrus.samples", cohort.bundle());
        assertEquals("Synthetic cohort", cohort.descriptor().name());
        assertEquals(List.of("volumes", "clinical", "mask"),
                cohort.descriptor().outputs().stream().map(p -> p.name()).toList());
    }

    @Test
    void pluginInstalledStoppedStartedAndUninstalledAtRunTimeUpdatesTheRegistry() throws Exception {
        Path jar = Path.of(System.getProperty("gyrus.testnodes.jar"));
        assertTrue(Files.isRegularFile(jar), "the test plug-in was not built: " + jar);
        assertTrue(registry.find(PLUGIN_NODE).isEmpty(), "the plug-in must not be there before it is installed");

        List<String> events = new CopyOnWriteArrayList<>();
        NodeRegistryListener listener = new NodeRegistryListener() {
            @Override
            public void added(RegisteredNode node) {
                events.add("added " + node.id());
            }

            @Override
            public void removed(RegisteredNode node) {
                events.add("removed " + node.id());
            }
        };
        registry.addListener(listener);
        events.clear(); // addListener replays what is already there
        try {
            Bundle plugin = context.installBundle(jar.toUri().toString());
            plugin.start(Bundle.START_ACTIVATION_POLICY);
            RegisteredNode node = registry.find(PLUGIN_NODE).orElseThrow(
                    () -> new AssertionError("the installed plug-in's node type did not register: " + registry.nodeTypes()));
            assertEquals("org.gyrus.testnodes", node.bundle());
            assertEquals(List.of("added " + PLUGIN_NODE), events);

            // The new node type works at once, without a restart.
            Table in = Table.of(new NumericColumn("age", new double[] {60, 70}));
            Map<String, Object> out = NodeRun.builder(node.descriptor()).input("table", in)
                    .parameter("column", "age").parameter("factor", 0.5).build().execute(node.type());
            assertEquals(35.0, ((Table) out.get("table")).numeric("age").get(1));

            plugin.stop();
            assertTrue(registry.find(PLUGIN_NODE).isEmpty(), "a stopped bundle offers no node types");
            plugin.start(Bundle.START_ACTIVATION_POLICY);
            assertTrue(registry.find(PLUGIN_NODE).isPresent(), "restarting the bundle brings its node type back");

            plugin.uninstall();
            assertTrue(registry.find(PLUGIN_NODE).isEmpty(), "the node type must leave with its bundle");
            assertEquals(List.of("added " + PLUGIN_NODE, "removed " + PLUGIN_NODE, "added " + PLUGIN_NODE,
                    "removed " + PLUGIN_NODE), events);
        } finally {
            registry.removeListener(listener);
        }
    }
}
