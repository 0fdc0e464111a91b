package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.gyrus.data.Chart;
import org.gyrus.data.PngText;
import org.gyrus.data.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a result file or folder back to the pipeline and variable values that made it. */
class OriginFinderTest {

    @TempDir
    Path dir;

    private static final OriginFinder FINDER = new OriginFinder(List.of());

    /** A run whose end result is a report with one figure, and whose pipeline has two variables. */
    private RunResult reportRun(String subject, double gain) throws Exception {
        byte[] png = new Chart("Loss", "epoch", "loss").line("train", new double[] {1, 2}, new double[] {2, 1}).toPng();
        FakeNode report = new FakeNode(NodeDescriptor.builder("test.report", "1.0.0").output("report", Report.class, "")
                .parameters(FakeNode.NumberParameters.class).build(),
                c -> c.output("report", Report.empty().withFigure("Loss", "loss", "Loss per epoch", png)));
        Pipeline p = Pipeline.named("figures")
                .withVariable(new Pipeline.Variable("subject", Pipeline.VariableType.STRING, "sub-00", ""))
                .withVariable(new Pipeline.Variable("gain", Pipeline.VariableType.NUMBER, 1, ""))
                .withNode(Pipeline.Node.of("plot", "test.report", "1.0.0", Map.of("amount", "${gain}", "label", "${subject}")));
        return Executor.builder(FakeNode.registry(report)).build().run(p, Map.of("subject", subject, "gain", Double.toString(gain)));
    }

    @Test
    void aFigureCopiedOutOfItsRunStillLeadsBackToThePipelineAndItsValues() throws Exception {
        RunResult r = reportRun("sub-07 é", 2.5);
        Map<String, Path> out = RunOutputs.write(r, dir.resolve("run"));
        Path figure = out.get("plot.report").resolve("figures/loss.png");
        Path copied = Files.copy(figure, Files.createDirectories(dir.resolve("paper")).resolve("figure3.png"));

        PipelineOrigin o = FINDER.find(copied);
        assertEquals(Map.of("subject", "sub-07 é", "gain", "2.5"), o.variables());
        assertEquals("figures", o.pipeline().name());
        assertEquals("${subject}", o.pipeline().node("plot").orElseThrow().parameters().get("label"));
        assertTrue(o.source().contains("text chunk") && o.source().contains("figure3.png"), o.source());
        // Opened with its values, the pipeline repeats the run.
        assertEquals("sub-07 é", o.pipelineWithValues().variable("subject").orElseThrow().defaultValue());
        assertEquals(2.5, o.pipelineWithValues().variable("gain").orElseThrow().defaultValue());
        // The stamp is ASCII text in an iTXt chunk, and the image is unchanged.
        String text = PngText.read(copied, PipelineOrigin.PNG_KEYWORD).orElseThrow();
        assertTrue(text.chars().allMatch(c -> c < 128), "pure ASCII");
        assertTrue(PipelineOrigin.looksLikeOrigin(text));
    }

    @Test
    void anOutputFolderAndAFileInItLeadBackThroughTheProvenanceRecord() throws Exception {
        RunResult r = reportRun("sub-02", 4);
        Path run = dir.resolve("run");
        Map<String, Path> out = RunOutputs.write(r, run);
        Provenance.of(r).outputs(out).writeTo(run.resolve("provenance.json"));
        Files.writeString(run.resolve("notes.txt"), "a file of ours, with no stamp");

        for (Path p : List.of(run, run.resolve("provenance.json"), run.resolve("notes.txt"), out.get("plot.report"),
                out.get("plot.report").resolve("report.md"))) {
            PipelineOrigin o = FINDER.find(p);
            assertEquals(Map.of("subject", "sub-02", "gain", "4.0"), o.variables(), p.toString());
            assertEquals("sub-02", o.pipeline().variable("subject").orElseThrow().defaultValue(), "the resolved pipeline");
            assertTrue(o.source().contains("provenance.json"), o.source());
        }
    }

    @Test
    void aBatchFolderAsksForOneSubjectAndAStrayFileSaysNothingLeadsBack() throws Exception {
        Path batch = Files.createDirectories(dir.resolve("batch"));
        Files.writeString(batch.resolve("summary.tsv"), "subject\tstatus\n");
        IOException e = assertThrows(IOException.class, () -> FINDER.find(batch));
        assertTrue(e.getMessage().contains("batch") && e.getMessage().contains("one subject's folder"), e.getMessage());

        Path stray = Files.writeString(Files.createDirectories(dir.resolve("a/b")).resolve("x.txt"), "x");
        e = assertThrows(IOException.class, () -> FINDER.find(stray));
        assertTrue(e.getMessage().contains("Nothing leads back from " + stray), e.getMessage());
        assertThrows(NoSuchFileException.class, () -> FINDER.find(dir.resolve("missing.png")));
    }

    @Test
    void aDamagedStampIsReportedNamingTheFileNotSkipped() throws Exception {
        byte[] png = new Chart("t", "x", "y").line("a", new double[] {0, 1}, new double[] {0, 1}).toPng();
        // Valid chunk, text that is not an origin document.
        Path notJson = dir.resolve("notjson.png");
        Files.write(notJson, PngText.withText(png, PipelineOrigin.PNG_KEYWORD, "{\"format\":\"gyrus-origin\",\"version\":1,"));
        IOException e = assertThrows(IOException.class, () -> FINDER.find(notJson));
        assertTrue(e.getMessage().contains("notjson.png") && e.getMessage().contains("not valid JSON"), e.getMessage());

        // A newer stamp version.
        Path newer = dir.resolve("newer.png");
        String doc = PipelineOrigin.of(Pipeline.named("n"), Map.of()).toJson().replace("\"version\":1", "\"version\":9");
        Files.write(newer, PngText.withText(png, PipelineOrigin.PNG_KEYWORD, doc));
        e = assertThrows(IOException.class, () -> FINDER.find(newer));
        assertTrue(e.getMessage().contains("newer Gyrus"), e.getMessage());

        // A damaged pipeline inside: a node without a type.
        Path badPipeline = dir.resolve("badpipeline.png");
        String bad = "{\"format\":\"gyrus-origin\",\"version\":1,\"pipeline\":{\"format\":\"gyrus-pipeline\",\"formatVersion\":1,"
                + "\"name\":\"x\",\"nodes\":[{\"id\":\"a\"}],\"edges\":[]},\"variables\":{}}";
        Files.write(badPipeline, PngText.withText(png, PipelineOrigin.PNG_KEYWORD, bad));
        e = assertThrows(IOException.class, () -> FINDER.find(badPipeline));
        assertTrue(e.getMessage().contains("badpipeline.png") && e.getMessage().contains("damaged pipeline"), e.getMessage());

        // A variable value its type refuses.
        Path badValue = dir.resolve("badvalue.png");
        Pipeline withNumber = Pipeline.named("v").withVariable(new Pipeline.Variable("gain", Pipeline.VariableType.NUMBER, 1, ""));
        String doc2 = PipelineOrigin.of(withNumber, Map.of("gain", "lots")).toJson();
        Files.write(badValue, PngText.withText(png, PipelineOrigin.PNG_KEYWORD, doc2));
        e = assertThrows(IOException.class, () -> FINDER.find(badValue));
        assertTrue(e.getMessage().contains("variable 'gain'"), e.getMessage());

        // A stamped PNG whose chunk bytes were damaged on disk: the CRC says so.
        byte[] good = PngText.withText(png, PipelineOrigin.PNG_KEYWORD, PipelineOrigin.of(withNumber, Map.of("gain", 2)).toJson());
        int at = indexOf(good, "iTXt".getBytes(StandardCharsets.ISO_8859_1)) + 30;
        good[at] ^= 0x55;
        Path flipped = Files.write(dir.resolve("flipped.png"), good);
        e = assertThrows(IOException.class, () -> FINDER.find(flipped));
        assertTrue(e.getMessage().contains("flipped.png") && e.getMessage().contains("CRC"), e.getMessage());
    }

    @Test
    void aDamagedOrForeignProvenanceRecordIsReported() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("provenance.json"), "{\"entity\": {");
        IOException e = assertThrows(IOException.class, () -> FINDER.find(run));
        assertTrue(e.getMessage().contains("provenance.json") && e.getMessage().contains("not valid JSON"), e.getMessage());
        Files.writeString(run.resolve("provenance.json"), "{\"entity\": {\"other\": {}}}");
        e = assertThrows(IOException.class, () -> FINDER.find(run));
        assertTrue(e.getMessage().contains("not a Gyrus provenance record"), e.getMessage());
    }

    @Test
    void readersOfOtherFormatsAreAskedAndTheirErrorsPassThrough() throws Exception {
        Path file = Files.writeString(dir.resolve("volume.nii"), "not really");
        PipelineOrigin stamp = PipelineOrigin.of(Pipeline.named("from-reader"), Map.of("k", "v")).foundIn("the reader");
        AtomicReference<Path> asked = new AtomicReference<>();
        OriginReader reader = f -> {
            asked.set(f);
            return Optional.of(stamp);
        };
        assertEquals(stamp, new OriginFinder(List.of(reader)).find(file));
        assertEquals(file, asked.get());
        OriginReader broken = f -> {
            throw new IOException(f + ": the stamp is damaged");
        };
        IOException e = assertThrows(IOException.class, () -> new OriginFinder(List.of(broken)).find(file));
        assertTrue(e.getMessage().contains("volume.nii: the stamp is damaged"));
    }

    @Test
    void theNodeContextOfARunCarriesTheOriginForWritersToStamp() throws Exception {
        AtomicReference<Optional<PipelineOrigin>> seen = new AtomicReference<>();
        FakeNode probe = new FakeNode(NodeDescriptor.builder("test.probe", "1.0.0").output("value", Double.class, "")
                .parameters(FakeNode.NumberParameters.class).build(), c -> {
                    seen.set(c.origin());
                    c.output("value", 1.0);
                });
        Pipeline p = Pipeline.named("probe").withVariable(new Pipeline.Variable("n", Pipeline.VariableType.INTEGER, 3, ""))
                .withNode(Pipeline.Node.of("p", "test.probe", "1.0.0", Map.of()));
        Executor.builder(FakeNode.registry(probe)).build().run(p, Map.of("n", "8"));
        assertEquals(Map.of("n", "8"), seen.get().orElseThrow().variables());
        assertEquals(PipelineFile.toJson(p), PipelineFile.toJson(seen.get().orElseThrow().pipeline()));
        // Outside a pipeline there is none.
        NodeRun.builder(probe.descriptor()).build().execute(probe);
        assertTrue(seen.get().isEmpty());
    }

    @Test
    void theDocumentRoundTrips() throws Exception {
        Pipeline p = Pipeline.named("rt").withVariable(new Pipeline.Variable("path", Pipeline.VariableType.PATH, "a", ""));
        PipelineOrigin o = PipelineOrigin.of(p, Map.of("path", "/data/sujet-ü/t1.nii"));
        PipelineOrigin back = PipelineOrigin.parse(o.toJson(), "here");
        assertEquals(o.variables(), back.variables());
        assertEquals(PipelineFile.toJson(p), PipelineFile.toJson(back.pipeline()));
        assertEquals("here", back.source());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
