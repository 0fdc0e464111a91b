package org.gyrus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Third-party plug-ins end to end, as a researcher and a plug-in author meet them: the example
 * plug-in ({@code examples/intensity-normalisation}) is built by its own Maven build, offline,
 * against the p2 repository this build produced; {@code gyrus install} puts it into a copy of the
 * built product; a pipeline runs its node; {@code gyrus uninstall} removes it and the pipeline then
 * fails validation naming the plug-in and version. Every refusal leaves the installation as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginInstallTest {

    private static final Path ROOT = Path.of(System.getProperty("gyrus.root", "../..")).toAbsolutePath().normalize();
    private static final String FEATURE = "org.example.intensity.feature";
    private static final String NODE = "org.example.intensity.zscore";

    /** Shared by the tests: building the example and copying the product happen once. */
    @TempDir
    static Path dir;

    private Path product;
    private Path repository;

    /** A command's exit code and outputs; {@code classes}: where its JVMs logged the classes they loaded (plugins only). */
    private record Result(int code, String out, String err, Path classes) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    @BeforeAll
    void buildTheExampleAndCopyTheProduct() throws Exception {
        Path example = dir.resolve("example");
        copyTree(ROOT.resolve("examples/intensity-normalisation"), example, p -> !p.getFileName().toString().equals("target"));
        Result build = run(example, Map.of(), 900, ROOT.resolve("mvnw").toString(), "-o", "-B", "-q", "verify",
                "-Dgyrus.repository=" + ROOT.resolve("releng/org.gyrus.repository/target/repository").toUri());
        assertEquals(0, build.code(), () -> "the example plug-in's own build failed\n" + build);
        repository = example.resolve("org.example.intensity.repository/target/repository");
        assertTrue(Files.isRegularFile(repository.resolve("content.jar")), "the example's build made a p2 repository");
        product = dir.resolve("gyrus");
        copyTree(ROOT.resolve("releng/org.gyrus.repository/target/products/org.gyrus.headless/linux/gtk/x86_64"), product, p -> true);
        // The first look at the profile moves it to where this copy is (p2's roaming profiles).
        Result first = gyrus("plugins");
        assertEquals(0, first.code(), first::toString);
        assertTrue(first.out().contains("no plug-ins installed"), first::toString);
    }

    private Result gyrus(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("gyrus").toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(Map.of("GYRUS_PRODUCT", product.toString(), "GYRUS_CACHE",
                dir.resolve(".cache").toString(), "GYRUS_PROGRESS", "plain"));
        Path classes = null;
        if (args.length > 0 && args[0].equals("plugins")) {
            classes = Files.createTempFile(Files.createDirectories(dir.resolve(".logs")), "classes", ".txt");
            env.put("GYRUS_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
        }
        Result ran = run(dir, env, 300, command.toArray(String[]::new));
        Result r = new Result(ran.code(), ran.out(), ran.err(), classes);
        assertFalse(r.err().contains("\tat "), () -> "a message, not a stack trace\n" + r);
        return r;
    }

    /**
     * Whether {@code r} (a {@link #gyrus} run) started the OSGi framework: each run logs the classes
     * its JVMs load to {@code .logs/classes-N.txt}, the last JVM's log remaining.
     */
    private boolean framework(Result r) throws IOException {
        return Files.readString(r.classes()).contains("org.eclipse.core.runtime.adaptor.EclipseStarter ");
    }

    private Result run(Path cwd, Map<String, String> env, int seconds, String... command) throws IOException, InterruptedException {
        Path logs = Files.createDirectories(dir.resolve(".logs"));
        Path out = Files.createTempFile(logs, "out", ".txt");
        Path err = Files.createTempFile(logs, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within " + seconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err), null);
    }

    /** What p2 and the launcher read: the configuration, the profile's files, the bundles and features present. */
    private Map<String, String> installation() throws Exception {
        Map<String, String> state = new TreeMap<>();
        for (String folder : List.of("configuration", "plugins", "features", "p2/org.eclipse.equinox.p2.engine/profileRegistry")) {
            try (Stream<Path> files = Files.walk(product.resolve(folder))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    // p2's own bookkeeping (.lock, .data: its preferences and state) is not what is installed,
                    // nor is the launcher's start cache (a copy of the framework state of an earlier run).
                    if (Files.isRegularFile(f) && !f.getFileName().toString().equals(".lock") && !f.toString().contains("/.data/")
                            && !f.toString().contains("/.gyrus-start-cache")) {
                        state.put(product.relativize(f).toString(), sha256(f));
                    }
                }
            }
        }
        return state;
    }

    private void pipeline() throws IOException {
        // The node twice: its second run z-scores what is already z-scored, so its statistics must be 0 and 1.
        Files.writeString(dir.resolve("zscore.gyrus.json"), """
                {
                  "format": "gyrus-pipeline", "formatVersion": 1, "name": "zscore", "seed": 7,
                  "nodes": [
                    { "id": "cohort", "type": "org.gyrus.samples.cohort", "version": "1.0.0", "parameters": { "subjects": 3, "size": 16 } },
                    { "id": "zscore", "type": "org.example.intensity.zscore", "version": "1.0.0", "parameters": { "threshold": 0 } },
                    { "id": "again", "type": "org.example.intensity.zscore", "version": "1.0.0", "parameters": { "threshold": -100 } }
                  ],
                  "edges": [ { "from": "cohort", "output": "volumes", "to": "zscore", "input": "volumes" },
                             { "from": "zscore", "output": "volumes", "to": "again", "input": "volumes" } ]
                }
                """);
    }

    @Test
    void installRunUninstall() throws Exception {
        String repo = repository.toString();
        Result offered = gyrus("install", repo);
        assertEquals(0, offered.code(), offered::toString);
        assertTrue(offered.out().contains("offers 1 feature:") && offered.out().contains(FEATURE + " 1.0.0.")
                && offered.out().contains("Intensity normalisation (Example Lab)"), offered::toString);
        // The zip the example's build leaves beside its repository is a source too.
        Path zip = repository.getParent().resolve("org.example.intensity.repository-1.0.0-SNAPSHOT.zip");
        Result zipped = gyrus("install", zip.toString());
        assertEquals(0, zipped.code(), zipped::toString);
        assertTrue(zipped.out().contains(FEATURE + " 1.0.0."), zipped::toString);

        // Unsigned: refused with the reason and the way out, nothing changed.
        Map<String, String> before = installation();
        Result refused = gyrus("install", repo, FEATURE);
        assertEquals(5, refused.code(), refused::toString);
        assertTrue(refused.err().contains("not signed:") && refused.err().contains("org.example.intensity_1.0.0.")
                && refused.err().contains("--trust-unsigned") && refused.err().contains("The installation was not changed."), refused::toString);
        assertEquals(before, installation(), "a refused installation changes nothing");

        // Accepted: the running registry has the node type before the command ends.
        Result installed = gyrus("install", repo, FEATURE, "--trust-unsigned");
        assertEquals(0, installed.code(), installed::toString);
        assertTrue(installed.out().contains("installed " + FEATURE + " 1.0.0."), installed::toString);
        assertTrue(installed.out().contains("node type " + NODE + " 1.0.0"), installed::toString);
        assertTrue(installed.out().contains("signer: unsigned") && installed.out().contains("trust: accepted with --trust-unsigned"),
                installed::toString);

        // Kept across restarts: a new process lists it and runs its node.
        Result listed = gyrus("plugins");
        assertEquals(0, listed.code(), listed::toString);
        assertTrue(listed.out().startsWith(FEATURE + " 1.0.0.") && listed.out().contains("provider: Example Lab")
                && listed.out().contains("bundle org.example.intensity 1.0.0.") && listed.out().contains("node type " + NODE + " 1.0.0"),
                listed::toString);
        // That answer came from the index beside the profile, without the framework, and it is what the
        // framework (which reads the profile through p2) answers when the index is gone; which it rewrites.
        assertFalse(framework(listed), "gyrus plugins after an install needs no framework");
        Path index = product.resolve("p2/org.gyrus.plugins/installed.properties");
        Path withThePlugin = dir.resolve("installed.properties.with-the-plugin");
        Files.copy(index, withThePlugin, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(index);
        Result again = gyrus("plugins");
        assertTrue(framework(again), again::toString);
        assertEquals(listed.out() + listed.err(), again.out() + again.err());
        assertEquals(Files.readString(withThePlugin).replaceAll("(?m)^#.*\n", "").lines().sorted().toList(),
                Files.readString(index).replaceAll("(?m)^#.*\n", "").lines().sorted().toList());

        pipeline();
        Result ran = gyrus("run", "zscore.gyrus.json");
        assertEquals(0, ran.code(), ran::toString);
        List<String> stats = Files.readAllLines(dir.resolve("gyrus-out/zscore/again.statistics.tsv"));
        assertEquals("subject_id\tmean\tsd\tvoxels", stats.get(0));
        assertEquals(4, stats.size(), "three subjects");
        for (String row : stats.subList(1, 4)) {
            String[] f = row.split("\t");
            assertEquals(0.0, Double.parseDouble(f[1]), 1e-6, row);
            assertEquals(1.0, Double.parseDouble(f[2]), 1e-6, row);
            assertEquals(16 * 16 * 16, Double.parseDouble(f[3]), 0, row);
        }
        JsonNode prov = new ObjectMapper().readTree(dir.resolve("gyrus-out/zscore/provenance.json").toFile());
        JsonNode agent = prov.at("/agent/gyrus:bundle.org.example.intensity");
        assertEquals(FEATURE, agent.path("gyrus:plugin").asText(), prov::toString);
        assertTrue(agent.path("gyrus:pluginVersion").asText().startsWith("1.0.0."), agent::toString);
        assertEquals("accepted with --trust-unsigned", agent.path("gyrus:trust").asText(), agent::toString);
        assertEquals("unsigned", agent.path("gyrus:signer").asText(), agent::toString);
        assertTrue(prov.at("/agent/gyrus:bundle.org.gyrus.samples/gyrus:plugin").isMissingNode(), "Gyrus's own bundles are no plug-ins");

        Result removed = gyrus("uninstall", FEATURE);
        assertEquals(0, removed.code(), removed::toString);
        assertTrue(removed.out().contains("uninstalled " + FEATURE + " 1.0.0."), removed::toString);
        try (Stream<Path> left = Files.list(product.resolve("plugins"))) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("org.example")), "no files left behind");
        }
        Result invalid = gyrus("validate", "zscore.gyrus.json");
        assertEquals(3, invalid.code(), invalid::toString);
        assertTrue(invalid.err().contains("Node 'zscore', type: the node type " + NODE + " 1.0.0 is not installed; it came from the plug-in "
                + FEATURE + " 1.0.0."), invalid::toString);
        Result none = gyrus("plugins");
        assertTrue(none.out().contains("no plug-ins installed"), none::toString);
        assertFalse(framework(none), "gyrus plugins after an uninstall needs no framework");
        // An index of an earlier profile is never believed: the framework answers, from the profile.
        Files.copy(withThePlugin, index, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Result stale = gyrus("plugins");
        assertTrue(stale.out().contains("no plug-ins installed") && framework(stale), stale::toString);
        // Gyrus's own features are not plug-ins.
        Result own = gyrus("uninstall", "org.gyrus.core.feature");
        assertEquals(3, own.code(), own::toString);
        assertTrue(own.err().contains("part of Gyrus itself"), own::toString);
    }

    @Test
    void badRepositoriesAndFeaturesLeaveTheInstallationAsItWas() throws Exception {
        Map<String, String> before = installation();
        Result unreachable = gyrus("install", "http://127.0.0.1:9/site", FEATURE);
        assertEquals(3, unreachable.code(), unreachable::toString);
        assertTrue(unreachable.err().contains("cannot read a p2 repository at http://127.0.0.1:9/site"), unreachable::toString);

        Path malformed = Files.createDirectories(dir.resolve("malformed"));
        Files.writeString(malformed.resolve("content.xml"), "<?xml version='1.0'?><repository");
        Result broken = gyrus("install", "malformed", FEATURE);
        assertEquals(3, broken.code(), broken::toString);
        assertTrue(broken.err().contains("cannot read a p2 repository at malformed"), broken::toString);

        Result missing = gyrus("install", "no-such-folder");
        assertEquals(3, missing.code(), missing::toString);
        assertTrue(missing.err().contains("no repository at no-such-folder"), missing::toString);

        Result unknown = gyrus("install", repository.toString(), "org.example.nothing.feature");
        assertEquals(3, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("offers no feature org.example.nothing.feature; it offers: " + FEATURE), unknown::toString);

        Result usage = gyrus("install", repository.toString(), FEATURE, "--trust-everything");
        assertEquals(2, usage.code(), usage::toString);
        assertTrue(usage.err().contains("unknown option --trust-everything"), usage::toString);
        assertEquals(before, installation());
    }

    @Test
    void aPlugInThatNeedsANewerGyrusIsExplainedInThePlannersWords() throws Exception {
        P2Fixture newer = P2Fixture.copy(repository, dir.resolve("newer"))
                .content(x -> x.replace("name='org.gyrus.pipeline' range='[0.1.0,1.0.0)'", "name='org.gyrus.pipeline' range='[0.2.0,1.0.0)'"));
        Map<String, String> before = installation();
        Result r = gyrus("install", newer.root().toString(), FEATURE, "--trust-unsigned");
        assertEquals(4, r.code(), r::toString);
        assertTrue(r.err().contains("p2's planner says:") && r.err().contains("Missing requirement")
                && r.err().contains("org.gyrus.pipeline [0.2.0,1.0.0)"), r::toString);
        assertEquals(before, installation());
    }

    @Test
    void aDamagedArtifactFailsItsChecksum() throws Exception {
        P2Fixture damaged = P2Fixture.copy(repository, dir.resolve("damaged"));
        P2Fixture.damage(damaged.bundle("org.example.intensity"));
        Map<String, String> before = installation();
        Result r = gyrus("install", damaged.root().toString(), FEATURE, "--trust-unsigned");
        assertEquals(4, r.code(), r::toString);
        assertTrue(r.err().contains("cannot install " + FEATURE + "; p2 says:") && r.err().contains("hash is not as expected"),
                r::toString);
        assertEquals(before, installation());
    }

    @Test
    void anUnknownSignerIsRefusedUnlessTrusted() throws Exception {
        P2Fixture signed = P2Fixture.copy(repository, dir.resolve("signed"));
        Path keystore = ROOT.resolve("tests/org.gyrus.cli.tests/plugin-fixtures/other-author-test.p12");
        P2Fixture.sign(signed.bundle("org.example.intensity"), keystore, "other-test", "example-author");
        try (Stream<Path> features = Files.list(signed.root().resolve("features"))) {
            for (Path f : (Iterable<Path>) features::iterator) {
                P2Fixture.sign(f, keystore, "other-test", "example-author");
            }
        }
        signed.forgetChecksums();
        Map<String, String> before = installation();
        Result refused = gyrus("install", signed.root().toString(), FEATURE);
        assertEquals(5, refused.code(), refused::toString);
        assertTrue(refused.err().contains("signed by an unknown signer: CN=Example plug-in author (test key),O=Example Lab, SHA-256 33:50:95:37"),
                refused::toString);
        assertEquals(before, installation());

        // The author's fingerprint in a trusted-signers file: accepted, and its signer is shown.
        Files.writeString(dir.resolve("trusted.txt"), "# Example Lab's release key\n"
                + "33:50:95:37:35:A6:17:41:02:1E:2D:BE:90:9F:EB:64:09:11:CC:86:CE:DD:67:26:A0:65:88:D3:9C:54:3D:29\n");
        Result accepted = gyrus("install", signed.root().toString(), FEATURE, "--trusted-signers", "trusted.txt");
        assertEquals(0, accepted.code(), accepted::toString);
        assertTrue(accepted.out().contains("signer: CN=Example plug-in author (test key),O=Example Lab, SHA-256 33:50:95:37")
                && accepted.out().contains("trust: signed by a trusted signer"), accepted::toString);
        assertEquals(0, gyrus("uninstall", FEATURE).code());
    }

    @Test
    void aSecondPlugInWithTheSameNodeTypeIsKeptAndReported() throws Exception {
        P2Fixture clash = P2Fixture.copy(repository, dir.resolve("clash"));
        Path jar = clash.bundle("org.example.intensity");
        String version = jar.getFileName().toString().replaceAll("^org\\.example\\.intensity_(.*)\\.jar$", "$1");
        P2Fixture.rewriteJar(jar, jar.resolveSibling("org.example.clash_" + version + ".jar"),
                m -> m.replace("Bundle-SymbolicName: org.example.intensity", "Bundle-SymbolicName: org.example.clash"), x -> x);
        Path feature;
        try (Stream<Path> s = Files.list(clash.root().resolve("features"))) {
            feature = s.findFirst().orElseThrow();
        }
        P2Fixture.rewriteJar(feature, feature.resolveSibling("org.example.clash.feature_" + version + ".jar"), m -> m,
                x -> x.replace("org.example.intensity", "org.example.clash"));
        clash.content(x -> x.replace("org.example.intensity", "org.example.clash"))
                .artifacts(x -> x.replace("org.example.intensity", "org.example.clash")).forgetChecksums();

        assertEquals(0, gyrus("install", repository.toString(), FEATURE, "--trust-unsigned").code());
        Result second = gyrus("install", clash.root().toString(), "org.example.clash.feature", "--trust-unsigned");
        assertEquals(0, second.code(), second::toString);
        assertTrue(second.err().contains("warning: node type " + NODE + " 1.0.0 is provided twice: by org.example.intensity 1.0.0.")
                && second.err().contains("(used) and by org.example.clash 1.0.0.") && second.err().contains("(ignored); both stay installed"),
                second::toString);
        Result listed = gyrus("plugins");
        assertTrue(listed.out().contains("org.example.clash.feature") && listed.out().contains(FEATURE), listed::toString);
        assertTrue(listed.err().contains("is provided twice"), listed::toString);
        assertEquals(0, gyrus("uninstall", "org.example.clash.feature").code());
        assertEquals(0, gyrus("uninstall", FEATURE).code());
    }

    @Test
    void updateInstallsTheNewerVersionItsSourceOffers() throws Exception {
        Path site = dir.resolve("site");
        P2Fixture.copy(repository, site);
        assertEquals(0, gyrus("install", site.toString(), FEATURE, "--trust-unsigned").code());
        Result nothing = gyrus("update");
        assertEquals(0, nothing.code(), nothing::toString);
        assertTrue(nothing.out().contains("nothing to update"), nothing::toString);

        // The author publishes 1.0.1 at the same place.
        P2Fixture newer = P2Fixture.copy(repository, dir.resolve("site-next"));
        String old = newer.bundle("org.example.intensity").getFileName().toString()
                .replaceAll("^org\\.example\\.intensity_(.*)\\.jar$", "$1");
        String next = old.replaceFirst("^1\\.0\\.0\\.", "1.0.1.");
        P2Fixture.rewriteJar(newer.bundle("org.example.intensity"), newer.root().resolve("plugins/org.example.intensity_" + next + ".jar"),
                m -> m.replace("Bundle-Version: " + old, "Bundle-Version: " + next), x -> x);
        Path feature = newer.root().resolve("features/" + FEATURE + "_" + old + ".jar");
        P2Fixture.rewriteJar(feature, feature.resolveSibling(FEATURE + "_" + next + ".jar"), m -> m, x -> x.replace(old, next));
        newer.content(x -> x.replace(old, next)).artifacts(x -> x.replace(old, next)).forgetChecksums();
        deleteTree(site);
        Files.move(newer.root(), site);

        Result updated = gyrus("update", FEATURE, "--trust-unsigned");
        assertEquals(0, updated.code(), updated::toString);
        assertTrue(updated.out().contains("updated " + FEATURE + " " + old + " to " + next), updated::toString);
        Result listed = gyrus("plugins");
        assertTrue(listed.out().startsWith(FEATURE + " " + next) && listed.out().contains("bundle org.example.intensity " + next),
                listed::toString);
        assertTrue(gyrus("nodes").out().contains("org.example.intensity " + next), "the new bundle provides the node");
        assertEquals(0, gyrus("uninstall", FEATURE).code());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void gyrusOwnRepositoryIsSignedWithTheKeyInstallationsTrust() throws Exception {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(ROOT.resolve("releng/signing/gyrus-test.p12"))) {
            keys.load(in, "gyrus-test".toCharArray());
        }
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(keys.getCertificate("gyrus-test").getEncoded()));
        assertTrue(Files.readString(ROOT.resolve("bundles/org.gyrus.plugins/trusted-signers.txt")).contains(fingerprint),
                "installations trust the key Gyrus's build signs with");
        List<Path> jars;
        try (Stream<Path> s = Files.list(ROOT.resolve("releng/org.gyrus.repository/target/repository/plugins"))) {
            jars = s.filter(p -> p.getFileName().toString().startsWith("org.gyrus.")).toList();
        }
        assertTrue(jars.size() >= 10, jars::toString);
        for (Path jar : jars) {
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile(), true)) {
                java.util.jar.JarEntry manifest = file.getJarEntry("META-INF/MANIFEST.MF");
                assertTrue(file.getJarEntry("META-INF/GYRUS-TE.SF") != null, jar + " is signed");
                int checked = 0;
                for (java.util.jar.JarEntry e : java.util.Collections.list(file.entries())) {
                    if (e.isDirectory() || e.getName().startsWith("META-INF/")) {
                        continue;
                    }
                    try (var in = file.getInputStream(e)) {
                        in.readAllBytes();
                    }
                    assertTrue(e.getCodeSigners() != null, e.getName() + " in " + jar + " is signed");
                    String signer = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(e.getCodeSigners()[0].getSignerCertPath().getCertificates().get(0).getEncoded()));
                    assertEquals(fingerprint, signer, e.getName() + " in " + jar);
                    checked++;
                }
                assertTrue(checked > 0 && manifest != null, jar.toString());
            }
        }
    }

    /** Copies a folder, leaving out every file or folder whose name {@code keep} rejects. */
    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(f);
                boolean kept = true;
                for (Path part : rel) {
                    kept &= keep.test(part);
                }
                if (!kept) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
