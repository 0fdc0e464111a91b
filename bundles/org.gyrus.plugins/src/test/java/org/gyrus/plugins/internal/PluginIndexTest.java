package org.gyrus.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import org.gyrus.plugins.Feature;
import org.gyrus.plugins.InstalledPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plug-in index that answers {@code gyrus plugins} without p2: it is believed only for the
 * profile it was written for and the plug-in jars whose signers it recorded, and it prints what
 * the command in the framework prints.
 */
class PluginIndexTest {

    @TempDir
    Path install;

    private Path profiles;

    private static final InstalledPlugin PLUGIN = new InstalledPlugin(new Feature("org.example.a.feature", "1.0.0.v1", "Älpha nodes", "Example Lab"),
            "file:/tmp/site/", "accepted with --trust-unsigned",
            List.of(new InstalledPlugin.PluginBundle("org.example.a", "1.0.0.v1", "unsigned"),
                    new InstalledPlugin.PluginBundle("org.example.a.lib", "1.0.0.v1", "CN=Someone, SHA-256 AB:CD")));
    private static final InstalledPlugin OTHER = new InstalledPlugin(new Feature("org.example.b.feature", "2.0.0", "org.example.b.feature", ""),
            "https://example.org/p2/", "signed by a trusted signer", List.of(new InstalledPlugin.PluginBundle("org.example.b", "2.0.0", "unsigned")));
    private static final List<PluginIndex.Shown> SHOWN = List.of(
            new PluginIndex.Shown(PLUGIN, List.of("org.example.a.smooth 1.0.0", "org.example.a.zscore 1.2.0"),
                    List.of("warning: node type org.example.a.zscore 1.2.0 is provided twice: by org.example.a 1.0.0.v1 (used) and by"
                            + " org.example.b 2.0.0 (ignored); both stay installed. Uninstall one of them to choose.")),
            new PluginIndex.Shown(OTHER, List.of(), List.of("warning: node type org.example.a.zscore 1.2.0 is provided twice: ...")));

    @BeforeEach
    void installation() throws Exception {
        profiles = Files.createDirectories(install.resolve(PluginIndex.PROFILES).resolve("DefaultProfile.profile"));
        Files.writeString(profiles.resolve("1000.profile.gz"), "old");
        Files.writeString(profiles.resolve("1700.profile.gz"), "current");
        Files.writeString(profiles.resolve("999.profile"), "older, not compressed");
        Files.createDirectories(profiles.resolve(".data"));
        Files.writeString(profiles.resolve(".lock"), "");
        Files.createDirectories(install.resolve("configuration"));
        Files.writeString(install.resolve("configuration/config.ini"), "eclipse.p2.profile=DefaultProfile\nosgi.bundles.defaultStartLevel=4\n");
        Files.createDirectories(install.resolve("plugins"));
        Files.writeString(install.resolve("plugins/org.example.a_1.0.0.v1.jar"), "a jar");
        Files.writeString(install.resolve("plugins/org.example.b_2.0.0.jar"), "b jar");
        // org.example.a.lib is a folder bundle: no jar, so no signature to read
    }

    private void write(long timestamp, List<InstalledPlugin> plugins, List<PluginIndex.Shown> shown) throws Exception {
        Path file = install.resolve(PluginIndex.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, PluginIndex.format(install, "DefaultProfile", timestamp, plugins, shown), StandardCharsets.UTF_8);
    }

    private record Printed(int code, String out, String err) {
    }

    private Printed answer() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PluginIndex.answer(install, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Printed(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Printed printed(List<PluginIndex.Shown> shown) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PluginIndex.print(shown, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Printed(0, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theNewestProfileFileIsTheProfile() throws Exception {
        assertEquals(Optional.of(1700L), PluginIndex.currentTimestamp(install, "DefaultProfile"));
        Files.writeString(profiles.resolve("20000.profile"), "newer, numerically");
        assertEquals(Optional.of(20000L), PluginIndex.currentTimestamp(install, "DefaultProfile"));
        assertEquals(Optional.empty(), PluginIndex.currentTimestamp(install, "OtherProfile"));
        assertEquals("DefaultProfile", PluginIndex.profileId(install));
    }

    @Test
    void aCurrentIndexGivesWhatItWasWrittenWithAndPrintsAsTheCommandDoes() throws Exception {
        write(1700, List.of(PLUGIN, OTHER), SHOWN);
        PluginIndex.Content c = PluginIndex.read(install, "DefaultProfile").orElseThrow();
        assertEquals(1700, c.timestamp());
        assertEquals(List.of(PLUGIN, OTHER), c.plugins());
        assertEquals(SHOWN, c.shown());

        Printed p = answer();
        assertEquals(0, p.code());
        assertEquals(printed(SHOWN), p);
        assertEquals("""
                org.example.a.feature 1.0.0.v1  Älpha nodes  provider: Example Lab
                  source: file:/tmp/site/
                  trust: accepted with --trust-unsigned
                  bundle org.example.a 1.0.0.v1, signer: unsigned
                  bundle org.example.a.lib 1.0.0.v1, signer: CN=Someone, SHA-256 AB:CD
                  node type org.example.a.smooth 1.0.0
                  node type org.example.a.zscore 1.2.0
                org.example.b.feature 2.0.0  org.example.b.feature
                  source: https://example.org/p2/
                  trust: signed by a trusted signer
                  bundle org.example.b 2.0.0, signer: unsigned
                """, p.out());
        assertTrue(p.err().startsWith("warning: node type org.example.a.zscore 1.2.0 is provided twice: by org.example.a"), p.err());
    }

    @Test
    void noPluginsIsAnAnswerToo() throws Exception {
        write(1700, List.of(), List.of());
        Printed p = answer();
        assertEquals(new Printed(0, "no plug-ins installed (gyrus install SOURCE lists what a repository offers)\n", ""), p);
    }

    @Test
    void aChangedProfileMakesTheIndexStale() throws Exception {
        write(1700, List.of(PLUGIN), SHOWN.subList(0, 1));
        Files.writeString(profiles.resolve("1800.profile.gz"), "changed by p2");
        assertEquals(Optional.empty(), PluginIndex.read(install, "DefaultProfile"));
        assertEquals(new Printed(PluginIndex.NOT_ANSWERED, "", ""), answer());
        // ... and one written for an older profile than the newest, too.
        write(1000, List.of(PLUGIN), SHOWN.subList(0, 1));
        assertEquals(Optional.empty(), PluginIndex.read(install, "DefaultProfile"));
    }

    @Test
    void aReplacedJarMakesTheIndexStale() throws Exception {
        write(1700, List.of(PLUGIN), SHOWN.subList(0, 1));
        Path jar = install.resolve("plugins/org.example.a_1.0.0.v1.jar");
        FileTime when = Files.getLastModifiedTime(jar);
        Files.writeString(jar, "a signed jar");
        Files.setLastModifiedTime(jar, when);
        assertEquals(Optional.empty(), PluginIndex.read(install, "DefaultProfile"), "another size");
        write(1700, List.of(PLUGIN), SHOWN.subList(0, 1));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(when.toMillis() + 5000));
        assertEquals(Optional.empty(), PluginIndex.read(install, "DefaultProfile"), "another modification time");
        write(1700, List.of(PLUGIN), SHOWN.subList(0, 1));
        Files.delete(jar);
        assertEquals(Optional.empty(), PluginIndex.read(install, "DefaultProfile"), "gone");
    }

    @Test
    void withoutTheNodeTypesOnlyTheFrameworkAnswers() throws Exception {
        write(1700, List.of(PLUGIN), null);
        PluginIndex.Content c = PluginIndex.read(install, "DefaultProfile").orElseThrow();
        assertEquals(List.of(PLUGIN), c.plugins());
        assertNull(c.shown());
        assertEquals(new Printed(PluginIndex.NOT_ANSWERED, "", ""), answer());
    }

    @Test
    void anotherProfileOrADamagedIndexIsNotBelieved() throws Exception {
        write(1700, List.of(PLUGIN), SHOWN.subList(0, 1));
        Files.writeString(install.resolve("configuration/config.ini"), "eclipse.p2.profile=OtherProfile\n");
        Files.createDirectories(install.resolve(PluginIndex.PROFILES).resolve("OtherProfile.profile"));
        Files.writeString(install.resolve(PluginIndex.PROFILES).resolve("OtherProfile.profile/1700.profile.gz"), "x");
        assertEquals(new Printed(PluginIndex.NOT_ANSWERED, "", ""), answer());

        Files.writeString(install.resolve("configuration/config.ini"), "eclipse.p2.profile=DefaultProfile\n");
        Path file = install.resolve(PluginIndex.FILE);
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^plugin\\.0\\.bundle\\.1\\.name=.*\\n", ""));
        assertEquals(Optional.empty(), PluginIndex.read(install, "DefaultProfile"));
        Files.writeString(file, "format=1\nprofile=DefaultProfile\ntimestamp=1700\nplugins=x\n");
        assertEquals(Optional.empty(), PluginIndex.read(install, "DefaultProfile"));
        Files.delete(file);
        assertEquals(new Printed(PluginIndex.NOT_ANSWERED, "", ""), answer());
    }
}
