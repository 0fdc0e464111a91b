package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.gyrus.data.AtomicFile;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {

    @TempDir
    Path dir;

    @Test
    void namesFromDataThatWouldLeaveTheFolderOrTakeGyrusNamesAreRefused() throws Exception {
        OutputFolder f = OutputFolder.open(dir.resolve("out"), "The output folder");
        for (String bad : List.of("..", ".", "", "../x", "/etc/passwd", "a/b", "a\\b", ".hidden", "summary.tsv", "Provenance.JSON",
                "pipeline.gyrus.json", "tab\there", "line\nbreak", "nul\0", "x".repeat(256))) {
            OutputFolderException e = assertThrows(OutputFolderException.class, () -> f.entry(bad, "The subject id '" + bad + "'"),
                    () -> "'" + bad + "' was accepted");
            assertTrue(e.getMessage().startsWith("The subject id '" + bad + "'"), e.getMessage());
        }
        assertEquals(dir.resolve("out/sub-01"), f.entry("sub-01", "The subject id 'sub-01'"));
        assertEquals(dir.resolve("out/sub-01..x"), f.entry("sub-01..x", "The subject id 'sub-01..x'"));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("out")), s.toList(), "nothing was written outside the folder");
        }
    }

    @Test
    void twoNamesDifferingOnlyInCaseAreRefused() throws Exception {
        OutputFolder f = OutputFolder.open(dir, "The output folder");
        f.entry("Sub-01", "The subject id 'Sub-01'");
        OutputFolderException e = assertThrows(OutputFolderException.class, () -> f.entry("sub-01", "The subject id 'sub-01'"));
        assertTrue(e.getMessage().contains("The subject id 'Sub-01'"), e.getMessage());
    }

    @Test
    void aFileGyrusDidNotWriteIsNeverReplaced() throws Exception {
        Path user = Files.writeString(dir.resolve("pipeline.gyrus.json"), "{ \"the user's\": true }");
        OutputFolder f = OutputFolder.open(dir, "The output folder (--out)");
        OutputFolderException e = assertThrows(OutputFolderException.class, () -> f.checkOwn("pipeline.gyrus.json"));
        assertTrue(e.getMessage().contains(user + " already exists and was not written by Gyrus"), e.getMessage());
        assertThrows(OutputFolderException.class, () -> f.own("pipeline.gyrus.json"));
        assertEquals("{ \"the user's\": true }", Files.readString(user));

        // What Gyrus wrote itself it may replace, in this run and the next.
        AtomicFile.write(f.own("provenance.json"), "1");
        AtomicFile.write(OutputFolder.open(dir, "The output folder").own("provenance.json"), "2");
        assertEquals("2", Files.readString(dir.resolve("provenance.json")));
        assertEquals(List.of("provenance.json"), Files.readAllLines(dir.resolve(OutputFolder.MANIFEST)));
    }

    @Test
    void anEndResultWhoseNameIsTakenGoesBesideIt() throws Exception {
        Files.writeString(dir.resolve("a.table.tsv"), "mine");
        Pipeline p = Pipeline.named("r").withNode(Pipeline.Node.of("a", "test.table", "1.0.0", Map.of()));
        FakeNode table = new FakeNode(NodeDescriptor.builder("test.table", "1.0.0").output("table", Table.class, "").build(),
                c -> c.output("table", Table.of(new TextColumn("note", "tab\there", "two\nlines"))));
        RunResult r = Executor.builder(FakeNode.registry(table)).build().run(p, Map.of());
        Map<String, Path> files = RunOutputs.write(r, OutputFolder.open(dir, "The output folder"));
        assertEquals(dir.resolve("a.table-2.tsv"), files.get("a.table"));
        assertEquals("mine", Files.readString(dir.resolve("a.table.tsv")));
        // Tabs and line breaks in cells are quoted, not flattened to spaces.
        assertEquals("note\n\"tab\there\"\n\"two\nlines\"\n", Files.readString(files.get("a.table")));
        // A rerun replaces its own result, and still not the user's file.
        assertEquals(dir.resolve("a.table-2.tsv"), RunOutputs.write(r, OutputFolder.open(dir, "The output folder")).get("a.table"));
    }

    @Test
    void aPortNameThatIsNoFileNameIsRefusedAndTheOtherResultsAreStillWritten() throws Exception {
        // Descriptors allow letters, digits, '.', '_' and '-' only, so length is what is left to break a file name.
        String escape = "escape".repeat(50);
        FakeNode odd = new FakeNode(NodeDescriptor.builder("test.odd", "1.0.0").output("fine", String.class, "")
                .output(escape, String.class, "").build(), c -> {
                    c.output("fine", "kept");
                    c.output(escape, "too long a name");
                });
        RunResult r = Executor.builder(FakeNode.registry(odd)).build().run(Pipeline.named("odd")
                .withNode(Pipeline.Node.of("n", "test.odd", "1.0.0", Map.of())), Map.of());
        Path out = dir.resolve("a/b/out");
        java.util.List<java.io.IOException> problems = new java.util.ArrayList<>();
        Map<String, Path> files = RunOutputs.write(r, OutputFolder.open(out, "The output folder"), problems);
        assertEquals(Map.of("n.fine", out.resolve("n.fine.txt")), files);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).getMessage().startsWith("The output '" + escape + "' of node 'n' is longer than 255 bytes"),
                problems.get(0).getMessage());
        try (var s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(p -> p.toString().contains("escape")).toList());
        }
    }

    @Test
    void anUnusableFolderIsRefusedBeforeAnythingRuns() throws Exception {
        Path file = Files.writeString(dir.resolve("results"), "a file");
        OutputFolderException e = assertThrows(OutputFolderException.class, () -> OutputFolder.open(file, "The output folder (--out)"));
        assertEquals("The output folder (--out) " + file + " is a file, not a folder; choose a folder.", e.getMessage());
        assertTrue(assertThrows(OutputFolderException.class, () -> OutputFolder.open(file.resolve("sub"), "The output folder (--out)"))
                .getMessage().contains("cannot be created: " + file + " is a file."));
        OutputFolder.open(dir.resolve("new/deeper"), "The output folder (--out)");
        assertFalse(Files.exists(dir.resolve("new")), "made only when something is written");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            if (!Files.isWritable(locked)) { // root may write anywhere
                assertTrue(assertThrows(OutputFolderException.class, () -> OutputFolder.open(locked, "The output folder (--out)"))
                        .getMessage().endsWith("is not writable: permission denied."));
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void openingCleansTemporariesAKilledRunLeft() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub-01"));
        Path stale = Files.writeString(sub.resolve(".a.table.tsv.1f2e" + AtomicFile.TEMPORARY_SUFFIX), "half a table");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        OutputFolder.open(dir, "The output folder");
        assertFalse(Files.exists(stale));
    }
}
