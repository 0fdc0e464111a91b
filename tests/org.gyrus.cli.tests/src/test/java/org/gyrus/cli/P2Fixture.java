package org.gyrus.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Copies of a built p2 repository altered the way real repositories go wrong: metadata that asks
 * for a newer Gyrus, an artifact damaged in transit, a bundle signed by someone nobody trusts, a
 * second plug-in under another name with the same node type. The copy's metadata is written as
 * plain {@code content.xml}/{@code artifacts.xml} (the compressed forms and p2.index removed).
 */
final class P2Fixture {

    private final Path root;

    private P2Fixture(Path root) {
        this.root = root;
    }

    /** A copy of the repository {@code from} in {@code to}. */
    static P2Fixture copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        P2Fixture fixture = new P2Fixture(to);
        fixture.unpack("content");
        fixture.unpack("artifacts");
        Files.deleteIfExists(to.resolve("p2.index"));
        return fixture;
    }

    Path root() {
        return root;
    }

    private void unpack(String name) throws IOException {
        Path jar = root.resolve(name + ".jar");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name + ".xml")) {
                    Files.write(root.resolve(name + ".xml"), in.readAllBytes());
                }
            }
        }
        Files.delete(jar);
        Files.deleteIfExists(root.resolve(name + ".xml.xz"));
    }

    /** Rewrites {@code content.xml}. */
    P2Fixture content(UnaryOperator<String> edit) throws IOException {
        return edit("content.xml", edit);
    }

    /** Rewrites {@code artifacts.xml}. */
    P2Fixture artifacts(UnaryOperator<String> edit) throws IOException {
        return edit("artifacts.xml", edit);
    }

    private P2Fixture edit(String file, UnaryOperator<String> edit) throws IOException {
        Path f = root.resolve(file);
        String before = Files.readString(f);
        String after = edit.apply(before);
        if (after.equals(before)) {
            throw new AssertionError("the fixture's edit of " + file + " changed nothing");
        }
        Files.writeString(f, after);
        return this;
    }

    /** The one file in {@code plugins/} whose name starts with {@code prefix}. */
    Path bundle(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("plugins"))) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix + "_")).findFirst()
                    .orElseThrow(() -> new AssertionError("no bundle " + prefix + " in " + root));
        }
    }

    /**
     * Drops the sizes and checksums of every artifact: for fixtures whose files were changed on
     * purpose (so that only what the test is about can fail).
     */
    P2Fixture forgetChecksums() throws IOException {
        return artifacts(x -> x.replaceAll("\\s*<property name='(download|artifact)\\.(size|checksum\\.[^']*|md5)' value='[^']*'/>", "")
                .replaceAll("<properties size='\\d+'>", "<properties>"));
    }

    /** Changes one byte in the middle of a file, keeping its size: what a broken transfer does. */
    static void damage(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(file, bytes);
    }

    /** Rewrites a jar: every entry through {@code edit}, the manifest through {@code manifest}. */
    static void rewriteJar(Path jar, Path target, UnaryOperator<String> manifest, UnaryOperator<String> textEntries) throws IOException {
        byte[] original = Files.readAllBytes(jar);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(original))) {
            Manifest m = in.getManifest();
            JarOutputStream out;
            if (m == null) {
                out = new JarOutputStream(buffer);
            } else {
                ByteArrayOutputStream mf = new ByteArrayOutputStream();
                m.write(mf);
                out = new JarOutputStream(buffer, new Manifest(new java.io.ByteArrayInputStream(
                        manifest.apply(mf.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8))));
            }
            try (out) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    byte[] data = in.readAllBytes();
                    if (e.getName().endsWith(".xml")) {
                        data = textEntries.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    }
                    out.write(data);
                    out.closeEntry();
                }
            }
        }
        Files.delete(jar);
        Files.write(target, buffer.toByteArray());
    }

    /** Signs a jar in place with the JDK's jarsigner. */
    static void sign(Path jar, Path keystore, String password, String alias) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jarsigner = Path.of(java).resolveSibling("jarsigner");
        Process p = new ProcessBuilder(jarsigner.toString(), "-keystore", keystore.toString(), "-storepass", password,
                jar.toString(), alias).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (p.waitFor() != 0) {
            throw new AssertionError("jarsigner failed: " + out);
        }
    }
}
