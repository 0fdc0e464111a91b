package org.gyrus.workbench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.IWindowCloseHandler;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.gyrus.pipeline.ExamplePipeline;
import org.gyrus.pipeline.NodeRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The e4 part that holds the workbench: it finds the node registry and the example pipelines as
 * OSGi services, builds the {@link WorkbenchWindow}, opens the pipeline named on the command line
 * (else the demo), asks before closing with unsaved changes and offers back autosaved work.
 */
public final class EditorPart {

    @Inject
    StartArguments arguments;

    @Inject
    MWindow window;

    private ServiceTracker<NodeRegistry, NodeRegistry> registryTracker;
    private ServiceTracker<ExamplePipeline, ExamplePipeline> examplesTracker;
    private WorkbenchSession session;

    @PostConstruct
    void createControls(Composite parent) throws InterruptedException {
        BundleContext bundles = FrameworkUtil.getBundle(EditorPart.class).getBundleContext();
        registryTracker = new ServiceTracker<>(bundles, NodeRegistry.class, null);
        examplesTracker = new ServiceTracker<>(bundles, ExamplePipeline.class, null);
        registryTracker.open();
        examplesTracker.open();
        NodeRegistry registry = registryTracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        if (registry == null) {
            throw new IllegalStateException("The node registry (org.gyrus.pipeline) did not start within 30 s");
        }
        Display display = parent.getDisplay();
        String cwd = System.getProperty("gyrus.cwd", System.getProperty("user.dir"));
        session = new WorkbenchSession(registry, () -> List.of(examplesTracker.getServices(new ExamplePipeline[0])),
                PipelineRuns.defaultCache(line -> display.asyncExec(() -> session.log(line))),
                r -> { if (!display.isDisposed()) { display.asyncExec(r); } }, Path.of(cwd), Autosave.defaultDirectory());
        WorkbenchWindow content = new WorkbenchWindow(parent, session);
        EditorView editor = content.editor();
        if (arguments.pipeline().isPresent()) {
            editor.openFile(arguments.pipeline().get());
        } else {
            session.loadExample("demo");
        }
        display.asyncExec(() -> {
            if (editor.canvas().control().isDisposed()) {
                return; // the window was closed before it was first shown
            }
            editor.canvas().fit();
            // Start-up time for bench/workbench-startup.sh: from the JVM's start to the pipeline drawn.
            editor.canvas().control().update();
            long ms = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            session.log("Workbench ready " + ms + " ms after the JVM started");
            System.err.println("gyrus workbench: ready " + ms + " ms after the JVM started");
            editor.offerRecovery();
        });
        window.getContext().set(IWindowCloseHandler.class, w -> editor.confirmDiscard());
        // Handlers of the window (and the tests of the close handler) reach the views here.
        window.getContext().set(WorkbenchWindow.class, content);
    }

    @PreDestroy
    void dispose() {
        if (session != null) {
            session.runs().cancel();
            if (!session.document().isDirty()) {
                session.autosave().discard();
            }
        }
        if (registryTracker != null) {
            registryTracker.close();
            examplesTracker.close();
        }
    }
}
