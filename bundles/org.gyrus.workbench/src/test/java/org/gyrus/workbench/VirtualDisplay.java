package org.gyrus.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives this bundle's UI tests an X server when Maven runs without a DISPLAY: the build then points
 * the test JVM at display :87 (see the pom's {@code own-xvfb} profile) and this listener, which
 * JUnit starts before any test, launches Xvfb there unless a server already listens. Xvfb ends
 * with the JVM (-terminate: when its last client, this JVM, disconnects; the hook covers the rest).
 */
public final class VirtualDisplay implements LauncherSessionListener {

    private static Process xvfb;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String display = System.getenv("DISPLAY");
        if (!"true".equals(System.getProperty("gyrus.test.xvfb")) || display == null || !display.startsWith(":")) {
            return;
        }
        start(display);
    }

    private static synchronized void start(String display) {
        Path socket = Path.of("/tmp/.X11-unix/X" + display.substring(1).replaceAll("\\..*", ""));
        Path binary = Path.of("/usr/bin/Xvfb");
        if (xvfb != null || Files.exists(socket) || !Files.isExecutable(binary)) {
            return; // a server is there already, or none can be had: SWT then says so in the first test
        }
        try {
            xvfb = new ProcessBuilder(binary.toString(), display, "-screen", "0", "1400x1000x24", "-nolisten", "tcp", "-terminate")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Runtime.getRuntime().addShutdownHook(new Thread(xvfb::destroy));
            long until = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(socket) && System.nanoTime() < until && xvfb.isAlive()) {
                Thread.sleep(100);
            }
        } catch (IOException e) {
            System.err.println("Could not start Xvfb on " + display + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
