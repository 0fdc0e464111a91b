package org.gyrus.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.gyrus.pipeline.NodeState;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.ResultCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch entry for the workbench: the same batch as {@code --each}, with every subject's node events. */
class BatchRunTest {

    @TempDir
    Path dir;

    private static Pipeline pipeline() {
        return Pipeline.named("small")
                .withVariable(new Pipeline.Variable("count", Pipeline.VariableType.INTEGER, 3, ""))
                .withVariable(new Pipeline.Variable("mode", Pipeline.VariableType.STRING, "ok", ""))
                .withNode(Pipeline.Node.of("numbers", "t.numbers", "1.0.0", Map.of("count", "${count}")))
                .withNode(Pipeline.Node.of("check", "t.check", "1.0.0", Map.of("mode", "${mode}")))
                .withEdge("numbers", "table", "check", "table");
    }

    @Test
    void aBatchReportsEveryCellAndARerunAfterAFixTakesTheFinishedFromTheCache() throws Exception {
        // A BIDS dataset folder: its participants.tsv is the subjects table.
        Path bids = Files.createDirectories(dir.resolve("bids"));
        Files.writeString(bids.resolve("participants.tsv"), "participant_id\tcount\tmode\nsub-01\t2\tok\nsub-02\t3\tfail\nsub-03\t4\tok\n");
        assertEquals(List.of("sub-01", "sub-02", "sub-03"), BatchRun.subjects(bids, pipeline()));
        assertEquals(Map.of("count", "3", "mode", "fail"), BatchRun.subjectVariables(bids, pipeline()).get("sub-02"));

        ResultCache cache = ResultCache.onDisk(dir.resolve("cache"), 1L << 30, 2);
        Map<String, NodeState> cells = new ConcurrentHashMap<>();
        Map<String, String> status = new ConcurrentHashMap<>();
        BatchRun.Listener l = new BatchRun.Listener() {
            @Override
            public void onEvent(String subject, org.gyrus.pipeline.ProgressEvent e) {
                cells.put(subject + "/" + e.node(), e.state());
            }

            @Override
            public void onSubjectDone(String subject, String s, String message) {
                status.put(subject, s);
            }
        };
        Path out = dir.resolve("out");
        assertEquals(ExitCodes.EXECUTION_ERROR, new BatchRun(TestNodes.registry(), cache, 2).run(pipeline(), null, Map.of(), bids, out, l));
        assertEquals(Map.of("sub-01", "done", "sub-02", "failed", "sub-03", "done"), status);
        assertEquals(NodeState.FINISHED, cells.get("sub-02/numbers"));
        assertEquals(NodeState.FAILED, cells.get("sub-02/check"));
        assertEquals(NodeState.FINISHED, cells.get("sub-03/check"));
        assertTrue(Files.isRegularFile(BatchRun.subjectFolder(out, "sub-01").resolve("check.table.tsv")));
        assertTrue(Files.readString(out.resolve("summary.tsv")).contains("sub-02\tfailed"));

        // Fix the failing subject and run again: the others come from the cache.
        Files.writeString(bids.resolve("participants.tsv"), "participant_id\tcount\tmode\nsub-01\t2\tok\nsub-02\t3\tok\nsub-03\t4\tok\n");
        status.clear();
        assertEquals(ExitCodes.OK, new BatchRun(TestNodes.registry(), cache, 2).run(pipeline(), null, Map.of(), bids, out, l));
        assertEquals(Map.of("sub-01", "cached", "sub-02", "done", "sub-03", "cached"), status);
    }

    @Test
    void aBadTableIsAClearErrorAndNothingRuns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchRun.subjects(dir.resolve("nope.tsv"), pipeline()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
