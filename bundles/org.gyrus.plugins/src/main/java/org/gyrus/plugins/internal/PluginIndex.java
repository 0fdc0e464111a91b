package org.gyrus.plugins.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.gyrus.plugins.Feature;
import org.gyrus.plugins.InstalledPlugin;

/**
 * What {@code gyrus plugins} shows, kept beside the installation's p2 profile in
 * {@code p2/org.gyrus.plugins/installed.properties}, so that listing the plug-ins needs neither p2's
 * agent (which reads the whole profile) nor, on the command line, the OSGi framework at all.
 *
 * <p>p2 saves every change of a profile as a new {@code TIMESTAMP.profile.gz} (or {@code .profile})
 * and reads the newest one. The index has two parts, each written for one such timestamp:
 * <ul>
 * <li>the plug-ins (feature, version, name, provider, source, trust, bundles and their signers), by
 * the process that changed the profile or read it through p2;</li>
 * <li>the node types each plug-in contributes and the node type clashes, as a framework started
 * with that installation sees them (which of two clashing node types is used depends on the start
 * order, so a process that added or removed bundles while running is no witness), by a process that
 * started with that very profile.</li>
 * </ul>
 * A part is believed only while its timestamp is the newest profile file's and every plug-in jar
 * still has the size and modification time it had when its signer was read; otherwise the plug-ins
 * are read through p2 again and the index is rewritten. It is written atomically (a reader sees the
 * old or the new one, never a mixture).
 *
 * <p>Uses the JDK only: the {@code gyrus} launcher runs {@link #main} on a bare JVM (this bundle's jar
 * on the boot class path), which answers {@code gyrus plugins} in a fraction of the time the framework
 * needs to start, and leaves it to the framework when the index is missing or stale.
 */
final class PluginIndex {

    /** The index, relative to the installation folder. */
    static final String FILE = "p2/org.gyrus.plugins/installed.properties";
    /** Where p2's profile registry is, relative to the installation folder (the agent runs on {@code p2/}). */
    static final String PROFILES = "p2/org.eclipse.equinox.p2.engine/profileRegistry";
    /** Exit code of {@link #main} when it printed nothing because the index is missing or stale. */
    static final int NOT_ANSWERED = 75;

    private static final Pattern PROFILE_FILE = Pattern.compile("(\\d+)\\.profile(\\.gz)?");
    private static final int FORMAT = 1;

    private PluginIndex() {
    }

    /**
     * A plug-in as {@code gyrus plugins} shows it.
     *
     * @param nodeTypes "ID VERSION" of each node type it contributes
     * @param clashes   the warnings about node types provided twice that involve its bundles
     */
    record Shown(InstalledPlugin plugin, List<String> nodeTypes, List<String> clashes) {
    }

    /**
     * What a valid index holds.
     *
     * @param timestamp the profile's timestamp it describes
     * @param plugins   the installed plug-ins
     * @param shown     the same plug-ins with their node types and clashes, or null when that part
     *                  was not written for this profile
     */
    record Content(long timestamp, List<InstalledPlugin> plugins, List<Shown> shown) {
    }

    /** The timestamp of the profile p2 would read now: its newest profile file's; empty if there is none. */
    static Optional<Long> currentTimestamp(Path install, String profileId) {
        Path folder = install.resolve(PROFILES).resolve(profileId + ".profile");
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        long newest = -1;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = PROFILE_FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    newest = Math.max(newest, Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return newest < 0 ? Optional.empty() : Optional.of(newest);
    }

    /** The bundle jar whose signer {@link P2Plugins} reports for a plug-in bundle, relative to the installation. */
    static String jar(InstalledPlugin.PluginBundle b) {
        return "plugins/" + b.symbolicName() + "_" + b.version() + ".jar";
    }

    /** Size and modification time of a file; "absent" when it is not a regular file (its signer is then "unsigned"). */
    static String stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.isRegularFile() ? a.size() + " " + a.lastModifiedTime().toMillis() : "absent";
        } catch (IOException e) {
            return "absent";
        }
    }

    /**
     * The index text for the profile at {@code timestamp} with {@code plugins}; {@code shown} (the
     * same plug-ins in the same order with node types and clashes) may be null.
     */
    static String format(Path install, String profileId, long timestamp, List<InstalledPlugin> plugins, List<Shown> shown) {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("profile", profileId);
        p.setProperty("timestamp", Long.toString(timestamp));
        p.setProperty("plugins", Integer.toString(plugins.size()));
        for (int i = 0; i < plugins.size(); i++) {
            InstalledPlugin plugin = plugins.get(i);
            String k = "plugin." + i + ".";
            Feature f = plugin.feature();
            p.setProperty(k + "id", f.id());
            p.setProperty(k + "version", f.version());
            p.setProperty(k + "name", f.name());
            p.setProperty(k + "provider", f.provider());
            p.setProperty(k + "source", String.valueOf(plugin.source()));
            if (plugin.trust() != null) {
                p.setProperty(k + "trust", plugin.trust());
            }
            p.setProperty(k + "bundles", Integer.toString(plugin.bundles().size()));
            for (int j = 0; j < plugin.bundles().size(); j++) {
                InstalledPlugin.PluginBundle b = plugin.bundles().get(j);
                String bk = k + "bundle." + j + ".";
                p.setProperty(bk + "name", b.symbolicName());
                p.setProperty(bk + "version", b.version());
                p.setProperty(bk + "signer", b.signer());
                p.setProperty(bk + "jar", stamp(install.resolve(jar(b))));
            }
        }
        if (shown != null) {
            if (shown.size() != plugins.size()) {
                throw new IllegalArgumentException("node types for " + shown.size() + " plug-ins, but " + plugins.size() + " plug-ins");
            }
            p.setProperty("nodeTypes.timestamp", Long.toString(timestamp));
            for (int i = 0; i < shown.size(); i++) {
                list(p, "plugin." + i + ".nodeType.", shown.get(i).nodeTypes());
                list(p, "plugin." + i + ".clash.", shown.get(i).clashes());
            }
        }
        StringWriter text = new StringWriter();
        try {
            p.store(text, "What gyrus plugins shows, for the profile " + profileId + " at " + timestamp
                    + " (written by gyrus; rewritten when it no longer matches the profile)");
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void list(Properties p, String prefix, List<String> values) {
        p.setProperty(prefix + "count", Integer.toString(values.size()));
        for (int i = 0; i < values.size(); i++) {
            p.setProperty(prefix + i, values.get(i));
        }
    }

    private static List<String> list(Properties p, String prefix) {
        int n = Integer.parseInt(required(p, prefix + "count"));
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(required(p, prefix + i));
        }
        return List.copyOf(values);
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }

    /**
     * The index of {@code install} if it describes the profile p2 would read now and the plug-in jars
     * are those whose signers it recorded; empty if it is missing, unreadable or stale.
     */
    static Optional<Content> read(Path install, String profileId) {
        Path file = install.resolve(FILE);
        Optional<Long> now = currentTimestamp(install, profileId);
        if (now.isEmpty() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Properties p = new Properties();
            try (Reader in = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
                p.load(in);
            }
            if (!Integer.toString(FORMAT).equals(p.getProperty("format")) || !profileId.equals(p.getProperty("profile"))
                    || Long.parseLong(required(p, "timestamp")) != now.get()) {
                return Optional.empty();
            }
            int n = Integer.parseInt(required(p, "plugins"));
            List<InstalledPlugin> plugins = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String k = "plugin." + i + ".";
                int m = Integer.parseInt(required(p, k + "bundles"));
                List<InstalledPlugin.PluginBundle> bundles = new ArrayList<>(m);
                for (int j = 0; j < m; j++) {
                    String bk = k + "bundle." + j + ".";
                    InstalledPlugin.PluginBundle b = new InstalledPlugin.PluginBundle(required(p, bk + "name"), required(p, bk + "version"),
                            required(p, bk + "signer"));
                    if (!required(p, bk + "jar").equals(stamp(install.resolve(jar(b))))) {
                        return Optional.empty(); // the jar was replaced: its signer must be read again
                    }
                    bundles.add(b);
                }
                plugins.add(new InstalledPlugin(new Feature(required(p, k + "id"), required(p, k + "version"), required(p, k + "name"),
                        required(p, k + "provider")), required(p, k + "source"), p.getProperty(k + "trust"), List.copyOf(bundles)));
            }
            List<Shown> shown = null;
            if (Long.toString(now.get()).equals(p.getProperty("nodeTypes.timestamp"))) {
                shown = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    shown.add(new Shown(plugins.get(i), list(p, "plugin." + i + ".nodeType."), list(p, "plugin." + i + ".clash.")));
                }
                shown = List.copyOf(shown);
            }
            return Optional.of(new Content(now.get(), List.copyOf(plugins), shown));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or damaged: read the profile through p2 instead
        }
    }

    /** Prints the plug-ins as {@code gyrus plugins} does: each with its bundles and node types; clashes on {@code err}. */
    static void print(List<Shown> plugins, PrintStream out, PrintStream err) {
        if (plugins.isEmpty()) {
            out.println("no plug-ins installed (gyrus install SOURCE lists what a repository offers)");
        }
        for (Shown s : plugins) {
            InstalledPlugin p = s.plugin();
            out.println(p.feature().id() + " " + p.feature().version() + "  " + p.feature().name()
                    + (p.feature().provider().isEmpty() ? "" : "  provider: " + p.feature().provider()));
            out.println("  source: " + p.source());
            out.println("  trust: " + p.trust());
            for (InstalledPlugin.PluginBundle b : p.bundles()) {
                out.println("  bundle " + b.symbolicName() + " " + b.version() + ", signer: " + b.signer());
            }
            for (String n : s.nodeTypes()) {
                out.println("  node type " + n);
            }
            for (String c : s.clashes()) {
                err.println(c);
            }
        }
    }

    /** The p2 profile an installation uses: {@code eclipse.p2.profile} of its {@code config.ini}, as the framework reads it. */
    static String profileId(Path install) throws IOException {
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(install.resolve("configuration/config.ini"), StandardCharsets.ISO_8859_1)) {
            config.load(in);
        }
        String id = config.getProperty("eclipse.p2.profile");
        return id == null || id.isBlank() ? "DefaultProfile" : id;
    }

    /**
     * {@code gyrus plugins} without the framework: prints the plug-ins of {@code install} and returns
     * 0 when its index is complete and current; otherwise prints nothing and returns {@link #NOT_ANSWERED}.
     */
    static int answer(Path install, PrintStream out, PrintStream err) {
        Optional<Content> index;
        try {
            index = read(install, profileId(install));
        } catch (IOException | RuntimeException e) {
            index = Optional.empty();
        }
        if (index.isEmpty() || index.get().shown() == null) {
            return NOT_ANSWERED;
        }
        print(index.get().shown(), out, err);
        return 0;
    }

    /**
     * {@code main INSTALLATION_FOLDER}: {@link #answer}, for the launcher, which runs the command in
     * the framework when this exits with {@link #NOT_ANSWERED}.
     */
    public static void main(String[] args) {
        int code = answer(Path.of(args[0]).toAbsolutePath().normalize(), System.out, System.err);
        System.out.flush();
        if (code != 0) {
            System.exit(code);
        }
    }
}
