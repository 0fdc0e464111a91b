package org.gyrus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built headless product, run as a researcher runs it: {@code ./gyrus} from the shell, in a
 * fresh working directory with its own cache. Checks outputs, the provenance record, every exit
 * code and a batch over three subjects with one failing.
 */
class GyrusProductTest {

    private static final Path ROOT = Path.of(System.getProperty("gyrus.root", "../..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Result gyrus(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("gyrus").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(".stdout").toFile()).redirectError(dir.resolve(".stderr").toFile());
        pb.environment().put("GYRUS_CACHE", dir.resolve(".cache").toString());
        pb.environment().put("GYRUS_PROGRESS", "plain");
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gyrus " + String.join(" ", args) + " did not end within 180 s");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve(".stdout")), Files.readString(dir.resolve(".stderr")));
    }

    /** Cohort of ${n} subjects, then a column selection named by ${cols}. */
    private void pipeline() throws IOException {
        Files.writeString(dir.resolve("small.gyrus.json"), """
                {
                  "format": "gyrus-pipeline",
                  "formatVersion": 1,
                  "name": "small",
                  "seed": 7,
                  "variables": [
                    { "name": "n", "type": "integer", "default": 5 },
                    { "name": "cols", "type": "string", "default": "subject_id,age" }
                  ],
                  "nodes": [
                    { "id": "cohort", "type": "org.gyrus.samples.cohort", "version": "1.0.0",
                      "parameters": { "subjects": "${n}", "size": 16 } },
                    { "id": "select", "type": "org.gyrus.preprocess.select-columns", "version": "1.0.0",
                      "parameters": { "names": "${cols}" } }
                  ],
                  "edges": [ { "from": "cohort", "output": "clinical", "to": "select", "input": "table" } ]
                }
                """);
    }

    @Test
    void runWritesOutputsAndAProvenanceRecord() throws Exception {
        pipeline();
        Result r = gyrus("run", "small.gyrus.json", "--set", "n=6");
        assertEquals(0, r.code(), r::toString);
        Path out = dir.resolve("gyrus-out/small");
        List<String> table = Files.readAllLines(out.resolve("select.table.tsv"));
        assertEquals("subject_id\tage", table.get(0));
        assertEquals(7, table.size(), "header and 6 subjects");

        JsonNode prov = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
        assertEquals(sha256(dir.resolve("small.gyrus.json")), prov.at("/entity/gyrus:pipeline/gyrus:sha256").asText());
        assertEquals("6", prov.at("/entity/gyrus:pipeline/gyrus:variable.n").asText());
        assertEquals(sha256(out.resolve("select.table.tsv")), prov.at("/entity/gyrus:output.select.table/gyrus:sha256").asText());
        JsonNode cohort = prov.at("/activity/gyrus:node.cohort");
        assertEquals("1.0.0", cohort.get("gyrus:nodeVersion").asText());
        assertEquals("org.gyrus.samples", cohort.get("gyrus:bundle").asText());
        assertTrue(cohort.get("gyrus:bundleVersion").asText().startsWith("0.1.0"));
        assertEquals("6", cohort.get("gyrus:parameter.subjects").asText());
        assertTrue(cohort.has("gyrus:seed") && cohort.at("/prov:startTime/$").asText().contains("T"));
        assertTrue(prov.at("/activity/gyrus:run/gyrus:jvm").asText().contains("17") || !prov.at("/activity/gyrus:run/gyrus:jvm").isMissingNode());

        Result again = gyrus("run", "small.gyrus.json", "--set", "n=6");
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("(0 computed, 2 from the cache)"), again::toString);
    }

    @Test
    void eachMistakeGivesItsExitCode() throws Exception {
        pipeline();
        Result usage = gyrus("run", "small.gyrus.json", "--threads", "many");
        assertEquals(2, usage.code(), usage::toString);
        Result missing = gyrus("run", "nothing.gyrus.json");
        assertEquals(3, missing.code(), missing::toString);
        assertTrue(missing.err().contains("does not exist"), missing::toString);
        Result invalid = gyrus("run", "small.gyrus.json", "--set", "n=0");
        assertEquals(3, invalid.code(), invalid::toString);
        assertTrue(invalid.err().contains("Node 'cohort', parameters.subjects"), invalid::toString);
        assertFalse(invalid.err().contains("\tat "), "one paragraph, no stack trace");
        // A column the cohort will not have is found by the spec step before anything runs.
        Result misspelt = gyrus("run", "small.gyrus.json", "--set", "cols=volume");
        assertEquals(3, misspelt.code(), misspelt::toString);
        assertTrue(misspelt.err().contains("Node 'select', parameters.names: the table has no column 'volume'"), misspelt::toString);
        // What only the run can find: a table file that turns out to be a folder.
        Files.writeString(dir.resolve("read.gyrus.json"), """
                {"format": "gyrus-pipeline", "formatVersion": 1, "name": "read",
                 "nodes": [{"id": "read", "type": "org.gyrus.io.read-table", "version": "1.0.0", "parameters": {"file": "."}}]}
                """);
        Result failing = gyrus("run", "read.gyrus.json");
        assertEquals(4, failing.code(), failing::toString);
        assertTrue(failing.err().contains("node 'read' (org.gyrus.io.read-table 1.0.0) failed"), failing::toString);
        assertEquals(0, gyrus("validate", "small.gyrus.json").code());
    }

    @Test
    void eachSubjectRunsDespiteOneFailing() throws Exception {
        pipeline();
        Files.writeString(dir.resolve("subjects.tsv"), "participant_id\tn\tcols\nsub-01\t3\tsubject_id,age\nsub-02\t4\tvolume\nsub-03\t5\tsex\n");
        Result r = gyrus("run", "small.gyrus.json", "--each", "subjects.tsv", "--threads", "2");
        assertEquals(3, r.code(), r::toString);
        List<String> summary = Files.readAllLines(dir.resolve("gyrus-out/small/summary.tsv"));
        assertTrue(summary.get(1).startsWith("sub-01\tdone\t"), summary::toString);
        // sub-02 names a column the cohort does not have: found before it runs.
        assertTrue(summary.get(2).startsWith("sub-02\tinvalid\t"), summary::toString);
        assertTrue(summary.get(3).startsWith("sub-03\tdone\t"), summary::toString);
        assertEquals(6, Files.readAllLines(dir.resolve("gyrus-out/small/sub-03/select.table.tsv")).size());

        Result rerun = gyrus("run", "small.gyrus.json", "--each", "subjects.tsv");
        assertEquals(3, rerun.code(), rerun::toString);
        summary = Files.readAllLines(dir.resolve("gyrus-out/small/summary.tsv"));
        assertTrue(summary.get(1).startsWith("sub-01\tcached\t"), summary::toString);
        assertTrue(summary.get(2).startsWith("sub-02\tinvalid\t"), summary::toString);
        assertTrue(summary.get(3).startsWith("sub-03\tcached\t"), summary::toString);
    }

    @Test
    void demoLeavesOutputsReportAndProvenance() throws Exception {
        Result r = gyrus("demo");
        assertEquals(0, r.code(), r::toString);
        Path demo = dir.resolve("gyrus-out/demo");
        assertTrue(Files.exists(demo.resolve("demo.gyrus.json")));
        assertTrue(Files.exists(demo.resolve("provenance.json")));
        assertTrue(Files.readString(demo.resolve("report/report.md")).contains("## Nodes"));
        assertTrue(Files.exists(demo.resolve("report/figures/subject_slice.png")));
        // The imaging chain: mask and reconstruction as NIfTI, latent tables labelled by lesion,
        // the training curve and the latent scatter plots.
        for (String f : List.of("brain_mask.nii.gz", "reconstruction_first_subject.nii.gz",
                "pca.report/figures/pca_scatter.png", "autoencoder.report/figures/autoencoder_curve.png",
                "autoencoder.report/figures/autoencoder_scatter.png")) {
            assertTrue(Files.size(demo.resolve(f)) > 0, f);
        }
        for (String latent : List.of("pca.latent.tsv", "autoencoder.latent.tsv")) {
            List<String> rows = Files.readAllLines(demo.resolve(latent));
            assertTrue(rows.get(0).endsWith("\tlabel"), latent + ": " + rows.get(0));
            assertEquals(49, rows.size(), latent + ": a header and one row per subject");
        }
        List<String> curve = Files.readAllLines(demo.resolve("autoencoder.curve.tsv"));
        double first = Double.parseDouble(curve.get(1).split("\t")[2]);
        double last = Double.parseDouble(curve.get(curve.size() - 1).split("\t")[2]);
        assertTrue(last < 0.1 * first, "the validation loss falls during training: " + first + " -> " + last);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
