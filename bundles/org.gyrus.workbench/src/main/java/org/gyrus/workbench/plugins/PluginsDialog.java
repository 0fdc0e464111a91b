package org.gyrus.workbench.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MessageBox;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeRegistryListener;
import org.gyrus.pipeline.RegisteredNode;
import org.gyrus.plugins.Change;
import org.gyrus.plugins.Feature;
import org.gyrus.plugins.InstalledPlugin;
import org.gyrus.plugins.PluginException;
import org.gyrus.plugins.Plugins;
import org.gyrus.plugins.TrustPolicy;

/**
 * Tools › Plug-ins…: the installed plug-ins (version, provider, signer, trust choice, node types)
 * with Uninstall and Update, and installation from a p2 repository (URL, folder or zip). Every
 * change goes through {@link Plugins}, as {@code gyrus install} does: one p2 transaction with its
 * checksum and signature checks, the running framework brought in line (so the palette follows at
 * once) and the profile written for the next start. Unsigned content or an unknown signer is refused
 * first; the user is then asked, and only an explicit Yes installs it ({@code --trust-unsigned}).
 * p2 works on a background thread; the dialog shows progress and names the plug-in and repository
 * when something fails.
 */
public final class PluginsDialog {

    /** Shows a message box; the dialog asks with SWT's, tests answer directly. */
    public interface Messages {
        /**
         * @param style SWT's icon and buttons, e.g. {@code SWT.ICON_ERROR | SWT.OK}
         * @return the button chosen, e.g. {@code SWT.YES}
         */
        int show(int style, String title, String text);
    }

    /** Work on the background thread. */
    private interface Work<T> {
        T call() throws PluginException;
    }

    /** What a change leaves: the change and the installed plug-ins after it. */
    private record Outcome(Change change, List<InstalledPlugin> installed) {
    }

    private final Plugins plugins;
    private final NodeRegistry registry;
    private final Shell shell;
    private final Table installedTable;
    private final Text source;
    private final Table offeredTable;
    private final ProgressBar progress;
    private final Label status;
    private final List<Button> actions = new ArrayList<>();
    private final Button uninstall;
    private final Button update;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gyrus-plugins");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final NodeRegistryListener registryListener;
    private Messages messages;
    private List<InstalledPlugin> installed = List.of();
    private List<PluginRows.Row> rows = List.of();
    private String busy;

    /** Builds the dialog over {@code parent}; {@link #open()} shows it. */
    public PluginsDialog(Shell parent, Plugins plugins, NodeRegistry registry) {
        this.plugins = plugins;
        this.registry = registry;
        shell = new Shell(parent, SWT.DIALOG_TRIM | SWT.RESIZE | SWT.APPLICATION_MODAL);
        shell.setText("Plug-ins");
        shell.setLayout(new GridLayout(1, false));
        messages = (style, title, text) -> {
            MessageBox m = new MessageBox(shell, style);
            m.setText(title);
            m.setMessage(text);
            return m.open();
        };

        new Label(shell, SWT.NONE).setText("Installed plug-ins (node types as the running workbench has them):");
        installedTable = table(shell, SWT.SINGLE, "Plug-in", "Version", "Provider", "Signer", "Trust", "Node types");
        installedTable.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Composite row = buttons(shell);
        uninstall = button(row, "Uninstall", this::uninstallSelected);
        update = button(row, "Update", () -> selected().ifPresent(r -> update(r.id(), TrustPolicy.strict())));
        button(row, "Update all", () -> update(null, TrustPolicy.strict()));
        installedTable.addListener(SWT.Selection, e -> enable());

        Group from = new Group(shell, SWT.NONE);
        from.setText("Install from a p2 repository");
        from.setLayout(new GridLayout(4, false));
        from.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        source = new Text(from, SWT.BORDER | SWT.SINGLE);
        source.setMessage("URL (https:, file:), folder or zip of a p2 repository");
        source.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        source.addListener(SWT.DefaultSelection, e -> listOffered());
        button(from, "Folder…", () -> {
            String dir = new DirectoryDialog(shell).open();
            if (dir != null) {
                source.setText(dir);
                listOffered();
            }
        });
        button(from, "Zip…", () -> {
            FileDialog f = new FileDialog(shell, SWT.OPEN);
            f.setFilterExtensions(new String[] {"*.zip", "*"});
            String zip = f.open();
            if (zip != null) {
                source.setText(zip);
                listOffered();
            }
        });
        button(from, "Show features", this::listOffered);
        offeredTable = table(from, SWT.CHECK, "Feature", "Version", "Name", "Provider");
        offeredTable.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        Composite installRow = buttons(from);
        installRow.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false, 4, 1));
        button(installRow, "Install", this::installChecked);

        progress = new ProgressBar(shell, SWT.INDETERMINATE | SWT.HORIZONTAL);
        progress.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        progress.setVisible(false);
        status = new Label(shell, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Composite bottom = buttons(shell);
        bottom.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false));
        Button close = new Button(bottom, SWT.PUSH);
        close.setText("Close");
        close.addListener(SWT.Selection, e -> shell.close());

        // p2 changes the installation as one transaction: the dialog stays until it has ended.
        shell.addListener(SWT.Close, e -> {
            if (busy != null) {
                e.doit = false;
                status.setText("Wait until " + busy + " has finished.");
            }
        });
        // Node types arrive as a plug-in's bundles start: the table shows them as they come.
        registryListener = new NodeRegistryListener() {
            @Override
            public void added(RegisteredNode node) {
                registryChanged();
            }

            @Override
            public void removed(RegisteredNode node) {
                registryChanged();
            }
        };
        registry.addListener(registryListener);
        shell.addListener(SWT.Dispose, e -> {
            registry.removeListener(registryListener);
            worker.shutdown();
        });
        shell.setSize(980, 640);
        enable();
    }

    /** Shows the dialog and reads the installed plug-ins (in the background). */
    public void open() {
        shell.open();
        run("reading the installed plug-ins", () -> new Outcome(null, plugins.installed()), o -> { }, null);
    }

    /** Replaces the message boxes (tests). */
    public void messages(Messages m) {
        messages = m;
    }

    /** The dialog's shell. */
    public Shell shell() {
        return shell;
    }

    /** The installed plug-ins' table. */
    public Table installedTable() {
        return installedTable;
    }

    /** The rows the installed plug-ins' table shows. */
    public List<PluginRows.Row> rows() {
        return rows;
    }

    /** The repository field. */
    public Text source() {
        return source;
    }

    /** The features the repository offers, ticked to be installed. */
    public Table offeredTable() {
        return offeredTable;
    }

    /** The status line. */
    public Label status() {
        return status;
    }

    /** The push button labelled {@code label}. */
    public Button button(String label) {
        return actions.stream().filter(b -> b.getText().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no button " + label));
    }

    /** Whether an operation is running. */
    public boolean isBusy() {
        return busy != null;
    }

    private void listOffered() {
        String src = source.getText().trim();
        if (src.isEmpty()) {
            status.setText("Name a p2 repository: a URL, a folder or a zip.");
            return;
        }
        String what = "reading the repository " + src;
        run(what, () -> {
            List<Feature> offered = plugins.offered(src);
            return new Outcome(new Change(offered, List.of()), null);
        }, o -> {
            offeredTable.removeAll();
            for (Feature f : o.change().added()) {
                TableItem item = new TableItem(offeredTable, SWT.NONE);
                item.setText(new String[] {f.id(), f.version(), f.name(), f.provider()});
                item.setData(f.id());
                item.setChecked(o.change().added().size() == 1);
            }
            pack(offeredTable);
            status.setText(src + " offers " + o.change().added().size() + (o.change().added().size() == 1 ? " feature." : " features."));
        }, null);
    }

    private void installChecked() {
        String src = source.getText().trim();
        List<String> ids = new ArrayList<>();
        for (TableItem item : offeredTable.getItems()) {
            if (item.getChecked()) {
                ids.add((String) item.getData());
            }
        }
        if (src.isEmpty() || ids.isEmpty()) {
            status.setText("Name a repository, press Show features and tick the features to install.");
            return;
        }
        install(src, ids, TrustPolicy.strict());
    }

    private void install(String src, List<String> ids, TrustPolicy trust) {
        String what = PluginMessages.installing(ids, src);
        run(what, () -> new Outcome(plugins.install(src, ids, trust), plugins.installed()), o -> status.setText("Installed "
                + names(o.change().added()) + "; the palette shows its node types."),
                refused -> askConsent(what, refused, trust, yes -> install(src, ids, yes)));
    }

    private void update(String feature, TrustPolicy trust) {
        String what = PluginMessages.updating(feature);
        run(what, () -> new Outcome(plugins.update(Optional.ofNullable(feature), trust), plugins.installed()),
                o -> status.setText(o.change().isEmpty() ? "Nothing newer to install." : "Updated to " + names(o.change().added()) + "."),
                refused -> askConsent(what, refused, trust, yes -> update(feature, yes)));
    }

    private void uninstallSelected() {
        Optional<PluginRows.Row> row = selected();
        if (row.isEmpty()) {
            return;
        }
        String id = row.get().id();
        int answer = messages.show(SWT.ICON_QUESTION | SWT.YES | SWT.NO, "Uninstall " + id, "Uninstall " + id + " " + row.get().version()
                + "? Its node types leave the palette now; pipelines that use them then name the plug-in as missing.");
        if (answer != SWT.YES) {
            return;
        }
        String what = PluginMessages.uninstalling(id);
        run(what, () -> new Outcome(plugins.uninstall(id), plugins.installed()),
                o -> status.setText("Uninstalled " + names(o.change().removed()) + "."), null);
    }

    /** After a refusal by the trust check: asks, and on Yes repeats the operation accepting unsigned content. */
    private void askConsent(String what, PluginException refused, TrustPolicy trust, Consumer<TrustPolicy> again) {
        int answer = messages.show(SWT.ICON_WARNING | SWT.YES | SWT.NO, "Unsigned or untrusted plug-in", PluginMessages.consent(what, refused));
        if (answer == SWT.YES) {
            again.accept(new TrustPolicy(true, trust.trustedSigners()));
        } else {
            status.setText("Not installed: the content is unsigned or its signer is not trusted.");
        }
    }

    /**
     * Runs {@code work} on the background thread, then {@code done} on the display thread; a
     * failure is shown in an error dialog, except a trust refusal when {@code untrusted} takes it.
     */
    private void run(String what, Work<Outcome> work, Consumer<Outcome> done, Consumer<PluginException> untrusted) {
        if (busy != null) {
            return;
        }
        busy = what;
        progress.setVisible(true);
        status.setText(Character.toUpperCase(what.charAt(0)) + what.substring(1) + "…");
        enable();
        Display display = shell.getDisplay();
        worker.execute(() -> {
            Outcome outcome = null;
            PluginException failure = null;
            try {
                outcome = work.call();
            } catch (PluginException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = new PluginException(PluginException.Kind.FAILED, e.toString(), e);
            }
            Outcome o = outcome;
            PluginException f = failure;
            if (!display.isDisposed()) {
                display.asyncExec(() -> finished(what, o, f, done, untrusted));
            }
        });
    }

    private void finished(String what, Outcome outcome, PluginException failure, Consumer<Outcome> done, Consumer<PluginException> untrusted) {
        if (shell.isDisposed()) {
            return;
        }
        busy = null;
        progress.setVisible(false);
        if (failure == null) {
            if (outcome.installed() != null) {
                installed = outcome.installed();
                fill();
            }
            status.setText("");
            done.accept(outcome);
        } else if (failure.kind() == PluginException.Kind.UNTRUSTED && untrusted != null) {
            status.setText("Refused by the signature check: nothing was installed.");
            untrusted.accept(failure);
        } else {
            status.setText(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " failed; the installation was not changed.");
            messages.show(SWT.ICON_ERROR | SWT.OK, "Plug-ins", PluginMessages.failure(what, failure));
        }
        enable();
    }

    private void registryChanged() {
        if (refreshPending.compareAndSet(false, true) && !shell.isDisposed()) {
            shell.getDisplay().asyncExec(() -> {
                refreshPending.set(false);
                if (!shell.isDisposed()) {
                    fill();
                }
            });
        }
    }

    /** Shows the installed plug-ins with the node types the registry has from them now. */
    private void fill() {
        String selectedId = selected().map(PluginRows.Row::id).orElse(null);
        List<RegisteredNode> nodes = new ArrayList<>(registry.nodeTypes());
        nodes.addAll(registry.duplicates());
        rows = PluginRows.of(installed, nodes);
        installedTable.removeAll();
        for (PluginRows.Row r : rows) {
            TableItem item = new TableItem(installedTable, SWT.NONE);
            item.setText(new String[] {r.name().equals(r.id()) ? r.id() : r.name() + " (" + r.id() + ")", r.version(), r.provider(), r.signer(),
                r.trust(), r.nodeTypes().isEmpty() ? "none yet" : String.join(", ", r.nodeTypes())});
            item.setData(r);
            if (r.id().equals(selectedId)) {
                installedTable.setSelection(item);
            }
        }
        pack(installedTable);
        enable();
    }

    private Optional<PluginRows.Row> selected() {
        TableItem[] sel = installedTable.getSelection();
        return sel.length == 1 && sel[0].getData() instanceof PluginRows.Row r ? Optional.of(r) : Optional.empty();
    }

    private void enable() {
        boolean idle = busy == null;
        actions.forEach(b -> b.setEnabled(idle));
        uninstall.setEnabled(idle && selected().isPresent());
        update.setEnabled(idle && selected().isPresent());
    }

    private static String names(List<Feature> features) {
        return features.isEmpty() ? "nothing" : String.join(", ", features.stream().map(Feature::toString).toList());
    }

    private Button button(Composite parent, String label, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(label);
        b.addListener(SWT.Selection, e -> action.run());
        actions.add(b);
        return b;
    }

    private static Composite buttons(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        RowLayout layout = new RowLayout();
        layout.marginLeft = 0;
        layout.marginRight = 0;
        c.setLayout(layout);
        return c;
    }

    private static Table table(Composite parent, int style, String... columns) {
        Table t = new Table(parent, style | SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        t.setHeaderVisible(true);
        for (String name : columns) {
            TableColumn c = new TableColumn(t, SWT.LEFT);
            c.setText(name);
            c.setWidth(120);
        }
        return t;
    }

    private static void pack(Table t) {
        for (TableColumn c : t.getColumns()) {
            c.pack();
        }
    }
}
