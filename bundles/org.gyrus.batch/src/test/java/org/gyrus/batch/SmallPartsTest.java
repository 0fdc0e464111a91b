package org.gyrus.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.ProgressEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subjects tables, sizes, overrides and the plain progress lines. */
class SmallPartsTest {

    @TempDir
    Path dir;

    private final Pipeline pipeline = Pipeline.named("p")
            .withVariable(new Pipeline.Variable("t1", Pipeline.VariableType.PATH, null, ""))
            .withVariable(new Pipeline.Variable("threshold", Pipeline.VariableType.NUMBER, 0.5, ""));

    @Test
    void subjectsTableBindsVariableColumnsAndIgnoresTheRest() throws Exception {
        Path f = Files.writeString(dir.resolve("participants.tsv"),
                "# cohort A\nparticipant_id\tage\tt1\nsub-01\t31\ta.nii\n\nsub 02/x\t40\tb.nii\n");
        SubjectTable t = SubjectTable.read(f, pipeline);
        assertEquals("participant_id", t.subjectColumn());
        assertEquals(List.of("t1"), t.variables());
        assertEquals(List.of("age"), t.ignored());
        assertEquals(Map.of("sub-01", Map.of("t1", "a.nii"), "sub 02/x", Map.of("t1", "b.nii")), t.rows());
        assertEquals("sub_02_x", SubjectTable.folder("sub 02/x"));
    }

    @Test
    void subjectsTableMistakesAreBadArgumentsNamingTheLine() throws Exception {
        Path ragged = Files.writeString(dir.resolve("ragged.tsv"), "subject\tt1\nsub-01\ta.nii\textra\n");
        CliException e = assertThrows(CliException.class, () -> SubjectTable.read(ragged, pipeline));
        assertEquals(ExitCodes.BAD_ARGUMENTS, e.exitCode);
        assertTrue(e.getMessage().contains("line 2: 3 cells but the header has 2 columns"), e.getMessage());
        Path none = Files.writeString(dir.resolve("none.tsv"), "subject\tage\nsub-01\t3\n");
        assertTrue(assertThrows(CliException.class, () -> SubjectTable.read(none, pipeline)).getMessage()
                .contains("is a variable of the pipeline [t1, threshold]"));
        Path twice = Files.writeString(dir.resolve("twice.tsv"), "subject\tt1\nsub-01\ta\nsub-01\tb\n");
        assertTrue(assertThrows(CliException.class, () -> SubjectTable.read(twice, pipeline)).getMessage()
                .contains("line 3: the subject id 'sub-01' is repeated"));
    }

    @Test
    void sizesAndOverridesParse() {
        assertEquals(500L << 20, CacheOptions.bytes("500M"));
        assertEquals(20L << 30, CacheOptions.bytes("20g"));
        assertEquals((long) (1.5 * (1L << 40)), CacheOptions.bytes("1.5TB"));
        assertEquals(4096, CacheOptions.bytes("4096"));
        assertEquals(ExitCodes.BAD_ARGUMENTS, assertThrows(CliException.class, () -> CacheOptions.bytes("lots")).exitCode);
        assertEquals(Map.of("a", "1=2", "b", ""), RunCommand.overrides(List.of("a=1=2", "b=")));
        assertEquals("analysis", RunCommand.baseName(Path.of("x/analysis.gyrus.json")));
    }

    @Test
    void plainProgressLinesSayWhatHappenedToEachNode() {
        StringWriter text = new StringWriter();
        ProgressDisplay d = new ProgressDisplay(new PrintWriter(text), ProgressDisplay.Mode.PLAIN, false);
        d.onEvent(new ProgressEvent("a", NodeState.QUEUED, 0, false, "", 0, 2));
        d.onEvent(new ProgressEvent("a", NodeState.RUNNING, 0, false, "", 0, 2));
        d.onEvent(new ProgressEvent("a", NodeState.RUNNING, 0.5, false, "", 0, 2));
        d.onEvent(new ProgressEvent("a", NodeState.FAILED, 0, false, "no rows", 1, 2));
        d.onEvent(new ProgressEvent("b", NodeState.SKIPPED, 0, false, "skipped because 'a' upstream of it failed", 2, 2));
        String[] lines = text.toString().split("\n");
        assertEquals(3, lines.length, text::toString);
        assertTrue(lines[0].matches("\\d\\d:\\d\\d:\\d\\d \\[0/2] a started"), lines[0]);
        assertTrue(lines[1].endsWith("[1/2] a FAILED: no rows"), lines[1]);
        assertTrue(lines[2].endsWith("[2/2] b skipped because 'a' upstream of it failed"), lines[2]);

        StringWriter quiet = new StringWriter();
        new ProgressDisplay(new PrintWriter(quiet), ProgressDisplay.Mode.QUIET, true)
                .onEvent(new ProgressEvent("a", NodeState.RUNNING, 0, false, "", 0, 1));
        assertEquals("", quiet.toString());
    }

    @Test
    void outputsOutsideTheOutputFolderAreListedAsGiven() {
        Path out = dir.resolve("out");
        assertEquals("a/b.tsv", PipelineRunner.shown(out, out.resolve("a/b.tsv")));
        // A writer node's file given relative to the working directory (this once failed the whole listing).
        assertEquals("table.tsv", PipelineRunner.shown(out, Path.of("table.tsv")));
        assertEquals(dir.resolve("elsewhere.nii").toString(), PipelineRunner.shown(out, dir.resolve("elsewhere.nii")));
    }
}
