package org.gyrus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The rules that make Gyrus's API something plug-ins can depend on (docs/writing-plugins.md,
 * Versioning): every exported package has a version, every Gyrus package a bundle imports has a
 * range, and packages named {@code internal} are exported, if at all, as {@code x-internal}.
 */
class ApiRulesTest {

    private static final Path ROOT = Path.of(System.getProperty("gyrus.root", "../..")).toAbsolutePath().normalize();

    @Test
    void exportsAreVersionedImportsHaveRangesInternalsAreMarked() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> manifests;
        try (Stream<Path> s = Files.list(ROOT.resolve("bundles"))) {
            manifests = s.map(b -> b.resolve("META-INF/MANIFEST.MF")).filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(manifests.size() >= 12, manifests::toString);
        int exports = 0;
        for (Path m : manifests) {
            String bundle = m.getParent().getParent().getFileName().toString();
            Manifest manifest;
            try (InputStream in = Files.newInputStream(m)) {
                manifest = new Manifest(in);
            }
            for (String clause : clauses(manifest.getMainAttributes().getValue("Export-Package"))) {
                exports++;
                String name = clause.split(";")[0].strip();
                if (!clause.matches(".*;\\s*version=\"\\d+\\.\\d+\\.\\d+\".*")) {
                    problems.add(bundle + " exports " + name + " without a version");
                }
                if (name.contains(".internal") && !clause.contains("x-internal:=true")) {
                    problems.add(bundle + " exports the internal package " + name + " without x-internal:=true");
                }
            }
            for (String clause : clauses(manifest.getMainAttributes().getValue("Import-Package"))) {
                String name = clause.split(";")[0].strip();
                if (name.startsWith("org.gyrus.") && !clause.matches(".*;\\s*version=\"\\[\\d+\\.\\d+,\\d+\\)\".*")) {
                    problems.add(bundle + " imports " + name + " without a range [major.minor,nextMajor)");
                }
            }
        }
        assertTrue(exports > 20, "exports found: " + exports);
        assertEquals(List.of(), problems);
    }

    @Test
    void theRuleCatchesAnUnversionedExport() {
        // The check above, applied to what a careless edit would write.
        List<String> clauses = clauses("org.gyrus.example;version=\"0.1.0\",org.gyrus.other");
        assertEquals(2, clauses.size());
        assertTrue(clauses.get(0).matches(".*;\\s*version=\"\\d+\\.\\d+\\.\\d+\".*"));
        assertTrue(!clauses.get(1).matches(".*;\\s*version=\"\\d+\\.\\d+\\.\\d+\".*"));
    }

    /** The clauses of a manifest header: commas outside quotes separate them. */
    static List<String> clauses(String header) {
        List<String> list = new ArrayList<>();
        if (header == null) {
            return list;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                list.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            list.add(current.toString().strip());
        }
        return list;
    }
}
