package org.gyrus.workbench.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.TreeItem;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.plugins.Plugins;
import org.gyrus.plugins.internal.P2Plugins;
import org.gyrus.workbench.WorkbenchSession;
import org.gyrus.workbench.WorkbenchWindow;
import org.gyrus.workbench.plugins.PluginRows;
import org.gyrus.workbench.plugins.PluginsDialog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Plug-ins dialog driven through its widgets beside a real workbench window: a p2 repository
 * offering the test plug-in is read, its unsigned content is refused until the user consents, the
 * installed plug-in's node type appears in the palette of the running window (its bundle joined
 * this framework) and the installation's configuration lists it for the next start; uninstalling
 * takes it out of all three. p2 does the work, through the same service as {@code gyrus install}.
 */
class PluginsDialogUiTest {

    private static final String NODE = "org.gyrus.testnodes.scale-column";
    private static final String BUNDLE = "org.gyrus.testnodes";

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private WorkbenchWindow window;
    private PluginsDialog dialog;
    private Plugins plugins;
    private Path installation;
    private final Deque<Integer> answers = new ArrayDeque<>();
    private final List<String> shown = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        display = UiHarness.display();
        BundleContext context = FrameworkUtil.getBundle(PluginsDialogUiTest.class).getBundleContext();
        ServiceTracker<NodeRegistry, NodeRegistry> t = new ServiceTracker<>(context, NodeRegistry.class, null);
        t.open();
        NodeRegistry registry = t.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull(registry, "the node registry service");
        shell = new Shell(display);
        shell.setSize(1200, 800);
        WorkbenchSession session = new WorkbenchSession(registry, List::of, null, display::asyncExec, dir, dir.resolve("autosave"));
        window = new WorkbenchWindow(shell, session);
        shell.open();
        installation = P2TestInstallation.installation(dir.resolve("gyrus"));
        plugins = new P2Plugins(context, installation, P2TestInstallation.PROFILE);
        dialog = new PluginsDialog(shell, plugins, registry);
        dialog.messages((style, title, text) -> {
            shown.add(title + "\n" + text);
            assertFalse(answers.isEmpty(), () -> "an unexpected message: " + title + "\n" + text);
            return answers.removeFirst();
        });
        dialog.open();
        idle();
        assertTrue(palette().noneMatch(NODE::equals), "the test plug-in is not installed yet");
    }

    @AfterEach
    void close() {
        if (shell != null) {
            shell.dispose();
        }
        UiHarness.settle(display, 50);
        // Whatever a failed test left in the framework goes, so that the other tests see the registry as it was.
        for (Bundle b : FrameworkUtil.getBundle(PluginsDialogUiTest.class).getBundleContext().getBundles()) {
            if (BUNDLE.equals(b.getSymbolicName()) && b.getLocation().contains(dir.toUri().getPath())) {
                try {
                    b.uninstall();
                } catch (Exception e) {
                    // already gone
                }
            }
        }
    }

    private Stream<String> palette() {
        return leaves(window.palette().tree().getItems()).stream().map(i -> (String) i.getData());
    }

    private static List<TreeItem> leaves(TreeItem[] items) {
        List<TreeItem> out = new ArrayList<>();
        for (TreeItem i : items) {
            if (i.getData() instanceof String) {
                out.add(i);
            }
            out.addAll(leaves(i.getItems()));
        }
        return out;
    }

    private void press(String button) {
        assertTrue(dialog.button(button).isEnabled(), button + " is enabled");
        dialog.button(button).notifyListeners(SWT.Selection, new Event());
    }

    /** Waits for the background operation to end (p2 runs off the display thread). */
    private void idle() {
        UiHarness.pump(display, () -> !dialog.isBusy(), Duration.ofSeconds(180));
    }

    private boolean poolHolds(String prefix) throws Exception {
        Path pool = installation.resolve("plugins");
        if (!Files.isDirectory(pool)) {
            return false;
        }
        try (Stream<Path> s = Files.list(pool)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix + "_"));
        }
    }

    @Test
    void unsignedIsRefusedUntilTheUserConsentsThenTheNodeComesAndGoesWithoutRestart() throws Exception {
        Path repository = P2TestInstallation.repository(dir.resolve("repository"), Path.of(System.getProperty("gyrus.testnodes.jar")), false);

        // The repository's features are listed; the only one is ticked.
        dialog.source().setText(repository.toString());
        press("Show features");
        assertTrue(dialog.isBusy(), "p2 reads the repository off the display thread");
        assertFalse(dialog.button("Install").isEnabled(), "no second operation while one runs");
        idle();
        TableItem[] offered = dialog.offeredTable().getItems();
        assertEquals(1, offered.length, dialog.status().getText());
        assertEquals(P2TestInstallation.FEATURE, offered[0].getText(0));
        assertTrue(offered[0].getChecked());

        // Unsigned: refused, the user says No, nothing is installed.
        answers.add(SWT.NO);
        press("Install");
        idle();
        assertEquals(1, shown.size(), shown::toString);
        String question = shown.get(0);
        assertTrue(question.contains("Installing " + P2TestInstallation.FEATURE + " from " + repository) && question.contains("not signed:")
                && question.contains(BUNDLE + "_") && question.contains("Install it anyway?"), question);
        assertTrue(plugins.installed().isEmpty(), "refused: nothing installed");
        assertFalse(poolHolds(BUNDLE), "refused: nothing left in the bundle pool");
        assertFalse(P2TestInstallation.configured(installation, BUNDLE));
        UiHarness.settle(display, 200);
        assertTrue(palette().noneMatch(NODE::equals));
        assertTrue(dialog.rows().isEmpty());

        // Asked again, the user says Yes: installed, and the running window's palette shows the node type.
        answers.add(SWT.YES);
        press("Install");
        idle();
        assertEquals(2, shown.size(), shown::toString);
        UiHarness.pump(display, () -> palette().anyMatch(NODE::equals), Duration.ofSeconds(30));
        UiHarness.pump(display, () -> !dialog.rows().isEmpty() && !dialog.rows().get(0).nodeTypes().isEmpty(), Duration.ofSeconds(30));
        PluginRows.Row row = dialog.rows().get(0);
        assertEquals(P2TestInstallation.FEATURE, row.id());
        assertEquals("unsigned", row.signer());
        assertEquals("accepted with --trust-unsigned", row.trust());
        assertEquals(List.of(NODE + " 1.0.0"), row.nodeTypes());
        TableItem item = dialog.installedTable().getItem(0);
        assertTrue(item.getText(5).contains(NODE), Arrays.toString(new String[] {item.getText(0), item.getText(5)}));
        assertTrue(dialog.status().getText().startsWith("Installed " + P2TestInstallation.FEATURE), dialog.status().getText());
        // The next start agrees: the profile has it and the configuration p2 wrote starts it.
        assertEquals(List.of(P2TestInstallation.FEATURE), plugins.installed().stream().map(p -> p.feature().id()).toList());
        assertTrue(poolHolds(BUNDLE));
        assertTrue(P2TestInstallation.configured(installation, BUNDLE), "the installation's configuration lists the bundle");

        // Uninstall (confirmed): the node type leaves the palette, the files and the configuration.
        dialog.installedTable().setSelection(0);
        dialog.installedTable().notifyListeners(SWT.Selection, new Event());
        answers.add(SWT.YES);
        press("Uninstall");
        idle();
        UiHarness.pump(display, () -> palette().noneMatch(NODE::equals), Duration.ofSeconds(30));
        assertTrue(dialog.rows().isEmpty());
        assertTrue(plugins.installed().isEmpty());
        assertFalse(poolHolds(BUNDLE), "no files left behind");
        assertFalse(P2TestInstallation.configured(installation, BUNDLE), "the next start does not load it");
        assertTrue(dialog.status().getText().startsWith("Uninstalled " + P2TestInstallation.FEATURE), dialog.status().getText());
        assertEquals(3, shown.size());
    }

    @Test
    void signedByGyrussOwnSignerItInstallsWithoutAQuestion() throws Exception {
        // The test plug-in as its build left it: signed with Gyrus's test key, which every installation trusts.
        Path repository = P2TestInstallation.repository(dir.resolve("signed"), Path.of(System.getProperty("gyrus.testnodes.jar")), true);
        dialog.source().setText(repository.toString());
        press("Show features");
        idle();
        press("Install");
        idle();
        assertEquals(List.of(), shown, "no question, no error");
        UiHarness.pump(display, () -> palette().anyMatch(NODE::equals), Duration.ofSeconds(30));
        PluginRows.Row row = dialog.rows().get(0);
        assertEquals("signed by a trusted signer", row.trust());
        assertTrue(row.signer().contains("CN=Gyrus test signer"), row.signer());

        dialog.installedTable().setSelection(0);
        dialog.installedTable().notifyListeners(SWT.Selection, new Event());
        answers.add(SWT.NO);
        press("Uninstall");
        assertEquals(1, shown.size(), "asked before uninstalling");
        assertFalse(dialog.isBusy(), "No: nothing started");
        answers.add(SWT.YES);
        press("Uninstall");
        idle();
        UiHarness.pump(display, () -> palette().noneMatch(NODE::equals), Duration.ofSeconds(30));
        assertTrue(plugins.installed().isEmpty());
    }

    @Test
    void aRepositoryThatIsNotThereIsNamedInTheErrorDialog() {
        Path missing = dir.resolve("no-such-repository");
        dialog.source().setText(missing.toString());
        press("Show features");
        answers.add(SWT.OK);
        idle();
        assertEquals(1, shown.size(), shown::toString);
        assertTrue(shown.get(0).contains("Reading the repository " + missing + " failed") && shown.get(0).contains("The installation was not changed."),
                shown::toString);
        assertEquals(0, dialog.offeredTable().getItemCount());
        assertTrue(dialog.button("Show features").isEnabled(), "ready for the next try");
    }
}
