package org.gyrus.workbench.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.IWindowCloseHandler;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.gyrus.pipeline.ExamplePipeline;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.workbench.EditorPart;
import org.gyrus.workbench.StartArguments;
import org.gyrus.workbench.WorkbenchWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The e4 part as the application starts it: {@link EditorPart} made by Eclipse's dependency
 * injection in a window context (the window model element, the start arguments, the parent
 * composite), then the window-close handler it registers there called as the e4 window renderer
 * calls it when the user closes the window. The handler's question is answered through the
 * editor's prompt; the edits that make the pipeline dirty are keys sent to the canvas.
 */
class WindowCloseUiTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private IEclipseContext context;
    private MWindow model;
    private String home;

    @BeforeEach
    void open() throws Exception {
        display = UiHarness.display();
        // The part uses the default cache and autosave folders, under the user's home: keep them here.
        home = System.getProperty("user.home");
        System.setProperty("user.home", dir.resolve("home").toString());
        shell = new Shell(display);
        shell.setSize(1300, 850);
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.dispose();
        }
        if (shell != null && !shell.isDisposed()) {
            shell.dispose();
        }
        UiHarness.settle(display, 50);
        System.setProperty("user.home", home);
    }

    /** Makes the part as e4 makes it, opening {@code file}. */
    private WorkbenchWindow startPart(Path file) {
        context = EclipseContextFactory.create("test window");
        model = MBasicFactory.INSTANCE.createTrimmedWindow();
        model.setContext(context);
        context.set(MWindow.class, model);
        context.set(StartArguments.class, StartArguments.parse(new String[] {file.toString()}));
        context.set(Composite.class, shell);
        ContextInjectionFactory.make(EditorPart.class, context);
        shell.open();
        WorkbenchWindow content = context.get(WorkbenchWindow.class);
        assertNotNull(content, "the part puts its views in the window's context");
        // The part finishes its start on the event loop (fit, offer autosaved work), then says it is ready.
        UiHarness.pump(display, () -> content.console().text().getText().contains("Workbench ready"), Duration.ofSeconds(30));
        return content;
    }

    private Pipeline demo() throws Exception {
        BundleContext bundles = FrameworkUtil.getBundle(WindowCloseUiTest.class).getBundleContext();
        ServiceTracker<NodeRegistry, NodeRegistry> r = new ServiceTracker<>(bundles, NodeRegistry.class, null);
        ServiceTracker<ExamplePipeline, ExamplePipeline> e = new ServiceTracker<>(bundles, ExamplePipeline.class, null);
        r.open();
        e.open();
        try {
            NodeRegistry registry = r.waitForService(TimeUnit.SECONDS.toMillis(30));
            e.waitForService(TimeUnit.SECONDS.toMillis(30));
            for (ExamplePipeline x : e.getServices(new ExamplePipeline[0])) {
                if (x.name().equals("demo")) {
                    return x.build(registry, dir.resolve("out"));
                }
            }
            throw new AssertionError("no demo example");
        } finally {
            r.close();
            e.close();
        }
    }

    private static void key(WorkbenchWindow w, int keyCode, int stateMask) {
        Event e = new Event();
        e.keyCode = keyCode;
        e.character = (char) keyCode;
        e.stateMask = stateMask;
        w.editor().canvas().control().notifyListeners(SWT.KeyDown, e);
    }

    /** Selects every node and moves them 10 px right with the arrow key: an unsaved change. */
    private static void moveAll(WorkbenchWindow w) {
        key(w, 'a', SWT.MOD1);
        key(w, SWT.ARROW_RIGHT, 0);
    }

    private static double firstX(Path file) throws Exception {
        return PipelineFile.read(file).nodes().get(0).x();
    }

    @Test
    void closingAsksAboutUnsavedChangesAndCancelKeepsTheWindow() throws Exception {
        Path file = dir.resolve("demo.gyrus.json");
        PipelineFile.write(demo(), file);
        double x0 = firstX(file);
        WorkbenchWindow w = startPart(file);
        IWindowCloseHandler handler = model.getContext().get(IWindowCloseHandler.class);
        assertNotNull(handler, "the part registers a window-close handler");
        List<String> asked = new ArrayList<>();
        int[] answer = {SWT.CANCEL};
        w.editor().prompt((title, question, withCancel) -> {
            assertTrue(withCancel, "closing can be cancelled");
            asked.add(question);
            return answer[0];
        });

        // Nothing changed: the window closes without a question.
        assertFalse(shell.getText().startsWith("*"), shell.getText());
        assertTrue(handler.close(model));
        assertEquals(List.of(), asked);

        // Unsaved changes and Cancel: asked once, the window stays, the changes stay.
        moveAll(w);
        assertTrue(shell.getText().startsWith("*"), "the title marks unsaved changes: " + shell.getText());
        assertFalse(handler.close(model), "Cancel keeps the window open");
        assertEquals(List.of("Save the changes to demo.gyrus.json?"), asked);
        assertFalse(shell.isDisposed());
        assertTrue(shell.getText().startsWith("*"));
        assertEquals(x0, firstX(file), "nothing was saved");

        // No: the window may close, the file stays as it was.
        answer[0] = SWT.NO;
        assertTrue(handler.close(model));
        assertEquals(2, asked.size());
        assertEquals(x0, firstX(file), "Don't save leaves the file alone");

        // Yes: the changes are saved to the file, then the window may close.
        moveAll(w);
        answer[0] = SWT.YES;
        assertTrue(handler.close(model));
        assertEquals(3, asked.size());
        assertEquals(x0 + 20, firstX(file), 1e-9, "both moves are in the saved file");
        assertFalse(shell.getText().startsWith("*"), shell.getText());
        // Saved: closing again asks nothing.
        assertTrue(handler.close(model));
        assertEquals(3, asked.size());
    }

    @Test
    void aFailedSaveKeepsTheWindowOpen() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("read-only"));
        Path file = folder.resolve("demo.gyrus.json");
        PipelineFile.write(demo(), file);
        WorkbenchWindow w = startPart(file);
        IWindowCloseHandler handler = model.getContext().get(IWindowCloseHandler.class);
        w.editor().prompt((title, question, withCancel) -> SWT.YES);
        moveAll(w);
        // The file cannot be written now (its folder is replaced by a plain file).
        Files.delete(file);
        Files.delete(folder);
        Files.writeString(folder, "not a folder");
        assertFalse(handler.close(model), "a save that fails must not lose the changes by closing");
        assertTrue(shell.getText().startsWith("*"));
        assertNotEquals("", w.editor().status().getText());
    }
}
