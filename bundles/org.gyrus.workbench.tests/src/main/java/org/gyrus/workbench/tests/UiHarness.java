package org.gyrus.workbench.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;

/**
 * The display the UI tests draw on. When Maven runs without a DISPLAY, the build points the test
 * JVM at display :87 (see this bundle's pom) and this class starts an Xvfb server there (Debian
 * package xvfb); a server already listening there is used as it is.
 */
final class UiHarness {

    private static Display display;
    private static Process xvfb;

    private UiHarness() {
    }

    /** The shared display, started on first use; skips the test with a clear reason when no X server can be had. */
    static synchronized Display display() throws Exception {
        if (display != null && !display.isDisposed()) {
            return display;
        }
        String name = System.getenv("DISPLAY");
        assumeTrue(name != null && !name.isBlank(), "No DISPLAY: the workbench UI tests need an X server (install xvfb)");
        if (System.getProperty("gyrus.test.xvfb") != null && name.startsWith(":")) {
            Path socket = Path.of("/tmp/.X11-unix/X" + name.substring(1).replaceAll("\\..*", ""));
            if (!Files.exists(socket)) {
                Path binary = Path.of("/usr/bin/Xvfb");
                assumeTrue(Files.isExecutable(binary), "No X server at " + name + " and no /usr/bin/Xvfb to start one (apt-get install xvfb)");
                xvfb = new ProcessBuilder(binary.toString(), name, "-screen", "0", "1400x1000x24", "-nolisten", "tcp", "-terminate")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> xvfb.destroy()));
                long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!Files.exists(socket) && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
            }
        }
        display = new Display();
        return display;
    }

    /** Runs the event loop until {@code done} holds, failing after {@code timeout}. */
    static void pump(Display d, BooleanSupplier done, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("Timed out after " + timeout + " waiting for the UI");
            }
            if (!d.readAndDispatch()) {
                // Nothing to dispatch: let engine threads post their events.
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Dispatches what is pending, and timers due within {@code millis}. */
    static void settle(Display d, long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until) {
            if (!d.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
