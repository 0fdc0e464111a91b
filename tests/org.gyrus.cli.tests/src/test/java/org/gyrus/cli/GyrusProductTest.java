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
import java.util.Map;
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
        return gyrus(Map.of(), args);
    }

    /** Runs ./gyrus with extra environment variables; checks that the terminal stays clean of the JVM's notices. */
    private Result gyrus(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("gyrus").toString()));
        command.addAll(List.of(args));
        return command(env, command);
    }

    private Result command(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Process p = start(command, env);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 180 s");
        }
        return finished(p);
    }

    private Process start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(".stdout").toFile()).redirectError(dir.resolve(".stderr").toFile());
        pb.environment().put("GYRUS_CACHE", dir.resolve(".cache").toString());
        pb.environment().put("GYRUS_PROGRESS", "plain");
        pb.environment().putAll(env);
        return pb.start();
    }

    private Result finished(Process p) throws IOException {
        Result r = new Result(p.exitValue(), Files.readString(dir.resolve(".stdout")), Files.readString(dir.resolve(".stderr")));
        assertFalse(r.err().contains("WARNING: Using incubator modules"), "issue 19: the terminal stays clean\n" + r);
        return r;
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
        // "OpenJDK 64-Bit Server VM 17.0.13+11-Debian-2 (Debian)": a VM name, a version of Java 17 or later, the vendor.
        String jvm = prov.at("/activity/gyrus:run/gyrus:jvm").asText();
        java.util.regex.Matcher v = java.util.regex.Pattern.compile(".+ (\\d+)[.+][^ ]* \\(.+\\)").matcher(jvm);
        assertTrue(v.matches(), jvm);
        assertTrue(Integer.parseInt(v.group(1)) >= 17, jvm);

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
        // The denoising chain: a diffusion model trained on the cohort, compared on the held-out subject.
        for (String f : List.of("denoised_held_out_subject.nii.gz", "diffusion.report/figures/diffusion_samples.png",
                "denoisers.report/figures/denoisers_side_by_side.png")) {
            assertTrue(Files.size(demo.resolve(f)) > 0, f);
        }
        List<String> denoisers = Files.readAllLines(demo.resolve("denoisers.summary.tsv"));
        assertEquals(5, denoisers.size(), "a header and noisy, Gaussian, non-local means, diffusion: " + denoisers);
        List<String> curve = Files.readAllLines(demo.resolve("autoencoder.curve.tsv"));
        double first = Double.parseDouble(curve.get(1).split("\t")[2]);
        double last = Double.parseDouble(curve.get(curve.size() - 1).split("\t")[2]);
        assertTrue(last < 0.1 * first, "the validation loss falls during training: " + first + " -> " + last);
        // The lesion classifier attacked: the ε curve and the example slices; accuracy falls as ε grows.
        for (String f : List.of("robustness.report/figures/robustness_curve.png", "robustness.report/figures/examples_pgd.png")) {
            assertTrue(Files.size(demo.resolve(f)) > 0, f);
        }
        List<String> robustness = Files.readAllLines(demo.resolve("robustness.curve.tsv"));
        double clean = Double.parseDouble(robustness.get(1).split("\t")[3]);
        double attacked = Double.parseDouble(robustness.get(robustness.size() - 1).split("\t")[3]);
        assertTrue(attacked < clean, "PGD at the largest ε lowers the accuracy: " + clean + " -> " + attacked);
        // The classifiers: logistic regression and an MLP evaluated on the 12 held-back subjects, overall and
        // per site, with the ROC, in the demo report.
        String report = Files.readString(demo.resolve("report/report.md"));
        for (String model : List.of("logistic", "mlp")) {
            assertTrue(report.contains("## evaluate-" + model + ": Metrics with 95 % confidence intervals"), model);
            assertTrue(report.contains("## evaluate-" + model + ": Per-group metrics"), model);
            assertTrue(Files.size(demo.resolve("report/figures/evaluate-" + model + "_roc.png")) > 0, model);
            List<String> metrics = Files.readAllLines(demo.resolve("evaluate-" + model + ".metrics.tsv"));
            assertTrue(metrics.stream().anyMatch(l -> l.startsWith("sensitivity\t")), metrics::toString);
            List<String> groups = Files.readAllLines(demo.resolve("evaluate-" + model + ".groups.tsv"));
            assertTrue(groups.stream().anyMatch(l -> l.startsWith("site\tsite-A\t")), groups::toString);
        }
        assertTrue(report.contains("## compare: Paired comparison"));
    }

    /**
     * cohort → keep (an end result, quick) and cohort → select → scale → impute → an autoencoder
     * that would train for hours: a run to cancel.
     */
    private void slowPipeline() throws IOException {
        Files.writeString(dir.resolve("slow.gyrus.json"), """
                {
                  "format": "gyrus-pipeline", "formatVersion": 1, "name": "slow", "seed": 7,
                  "nodes": [
                    { "id": "cohort", "type": "org.gyrus.samples.cohort", "version": "1.0.0", "parameters": { "subjects": 40, "size": 16 } },
                    { "id": "keep", "type": "org.gyrus.preprocess.select-columns", "version": "1.0.0", "parameters": { "names": "subject_id,sex" } },
                    { "id": "select", "type": "org.gyrus.preprocess.select-columns", "version": "1.0.0", "parameters": { "names": "subject_id,age" } },
                    { "id": "scale", "type": "org.gyrus.preprocess.standard-scaler", "version": "1.0.0" },
                    { "id": "impute", "type": "org.gyrus.preprocess.simple-imputer", "version": "1.0.0" },
                    { "id": "ae", "type": "org.gyrus.reduce.autoencoder", "version": "1.0.0",
                      "parameters": { "layers": [1024, 1024, 2], "epochs": 100000 } }
                  ],
                  "edges": [
                    { "from": "cohort", "output": "clinical", "to": "keep", "input": "table" },
                    { "from": "cohort", "output": "clinical", "to": "select", "input": "table" },
                    { "from": "select", "output": "table", "to": "scale", "input": "table" },
                    { "from": "scale", "output": "table", "to": "impute", "input": "table" },
                    { "from": "impute", "output": "table", "to": "ae", "input": "table" }
                  ]
                }
                """);
    }

    /** Starts the slow pipeline in its own process group and waits until the autoencoder trains. */
    private Process startSlowRun(Path tmp, String out) throws Exception {
        slowPipeline();
        Process p = start(List.of("setsid", ROOT.resolve("gyrus").toString(), "run", "slow.gyrus.json", "--no-cache", "--out", out),
                Map.of("TMPDIR", tmp.toString()));
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(dir.resolve(".stdout")).contains("ae started")) {
            assertTrue(p.isAlive() && System.nanoTime() < giveUp, () -> "the run did not reach the autoencoder: " + read());
            Thread.sleep(100);
        }
        return p;
    }

    private String read() {
        try {
            return Files.readString(dir.resolve(".stdout")) + Files.readString(dir.resolve(".stderr"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Sends {@code signal} to {@code target} (a pid, or -pgid for a process group). */
    private static void kill(String signal, String target) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, "--", target).inheritIO().start().waitFor());
    }

    @Test
    void sigtermToTheProcessGroupCancelsCleanlyAndCtrlCToo() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve(".tmp"));
        for (String[] c : new String[][] {{"TERM", "group", "143"}, {"INT", "launcher", "130"}}) {
            Process p = startSlowRun(tmp, "out-" + c[0]);
            List<ProcessHandle> java = p.toHandle().descendants().toList();
            assertFalse(java.isEmpty(), "the launcher runs Java as its child");
            long t0 = System.nanoTime();
            // A scheduler signals the whole process group; Ctrl-C in a terminal too, but only the launcher traps it here.
            kill(c[0], c[1].equals("group") ? "-" + p.pid() : String.valueOf(p.pid()));
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run ended after SIG" + c[0]);
            Result r = finished(p);
            assertEquals(Integer.parseInt(c[2]), r.code(), r::toString);
            assertTrue((System.nanoTime() - t0) / 1e9 < 30, "cancelled promptly");
            for (ProcessHandle h : java) {
                assertFalse(h.isAlive(), "no Java process left running: " + h.info());
            }
            Path out = dir.resolve("out-" + c[0]);
            // What finished is written, and the record says the run was cancelled.
            assertEquals(41, Files.readAllLines(out.resolve("keep.table.tsv")).size());
            JsonNode prov = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
            assertEquals("cancelled", prov.at("/activity/gyrus:run/gyrus:status").asText(), r::toString);
            assertEquals("cancelled", prov.at("/activity/gyrus:node.ae/gyrus:state").asText());
            assertTrue(r.err().contains("gyrus: cancelling"), r::toString);
            // The per-run configuration folder is gone.
            try (var s = Files.list(tmp)) {
                assertEquals(List.of(), s.toList());
            }
        }
    }

    @Test
    void nonAsciiPathsWorkInTheCLocaleAndFailuresNeverExitZero() throws Exception {
        pipeline();
        Path accented = Files.createDirectories(dir.resolve("données é"));
        Files.move(dir.resolve("small.gyrus.json"), accented.resolve("étude.gyrus.json"));
        Map<String, String> c = Map.of("LANG", "C", "LC_ALL", "C");
        Result r = gyrus(c, "run", "données é/étude.gyrus.json", "--out", "résultats");
        assertEquals(0, r.code(), r::toString);
        assertEquals(6, Files.readAllLines(dir.resolve("résultats/select.table.tsv")).size());
        Result missing = gyrus(c, "run", "données é/absente.gyrus.json");
        assertEquals(3, missing.code(), missing::toString);
        assertTrue(missing.err().contains("données é/absente.gyrus.json does not exist"), missing::toString);
    }

    @Test
    void filesAreCreatedWithTheUmaskAndReplacedFilesKeepTheirPermissions() throws Exception {
        pipeline();
        for (String[] u : new String[][] {{"002", "rw-rw-r--", "rwxrwxr-x"}, {"022", "rw-r--r--", "rwxr-xr-x"}}) {
            Result r = command(Map.of(), List.of("sh", "-c", "umask " + u[0] + " && exec \"$0\" \"$@\"", ROOT.resolve("gyrus").toString(),
                    "run", "small.gyrus.json", "--out", "u" + u[0]));
            assertEquals(0, r.code(), r::toString);
            Path out = dir.resolve("u" + u[0]);
            for (String f : List.of("select.table.tsv", "provenance.json", "pipeline.gyrus.json")) {
                assertEquals(u[1], java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f))), f);
            }
            assertEquals(u[2], java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        }
        // A group-only result stays so when the rerun replaces it; a stale temporary of a killed run is removed.
        Path table = dir.resolve("u022/select.table.tsv");
        Files.setPosixFilePermissions(table, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Path stale = Files.writeString(dir.resolve("u022/.select.table.tsv.0a1b2c3d4e5f6a7b.gyrus-part"), "half a table");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(0, gyrus("run", "small.gyrus.json", "--out", "u022", "--no-cache").code());
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(table)));
        assertFalse(Files.exists(stale));
    }

    @Test
    void hostilePipelineFilesAreLoadErrorsNamingThePlace() throws Exception {
        pipeline();
        String text = Files.readString(dir.resolve("small.gyrus.json"));
        Files.write(dir.resolve("latin1.gyrus.json"), text.replace("\"small\"", "\"étude\"").getBytes(StandardCharsets.ISO_8859_1));
        Result latin1 = gyrus("validate", "latin1.gyrus.json");
        assertEquals(3, latin1.code(), latin1::toString);
        assertTrue(latin1.err().contains("line 4, column 12: the byte 0xE9 is not UTF-8 text"), latin1::toString);
        Files.write(dir.resolve("utf16.gyrus.json"), text.getBytes(StandardCharsets.UTF_16));
        Result utf16 = gyrus("run", "utf16.gyrus.json");
        assertEquals(3, utf16.code(), utf16::toString);
        assertTrue(utf16.err().contains("UTF-16"), utf16::toString);
        Files.writeString(dir.resolve("two.gyrus.json"), text + text);
        Result two = gyrus("run", "two.gyrus.json");
        assertEquals(3, two.code(), two::toString);
        assertTrue(two.err().contains("more follows the pipeline's closing '}'"), two::toString);
        Files.write(dir.resolve("bom.gyrus.json"), ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
        assertEquals(0, gyrus("validate", "bom.gyrus.json").code());
        Files.createDirectory(dir.resolve("folder.gyrus.json"));
        Result folder = gyrus("run", "folder.gyrus.json");
        assertEquals(3, folder.code(), folder::toString);
        assertTrue(folder.err().contains("folder.gyrus.json is a folder, not a file"), folder::toString);
        assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("fifo.gyrus.json").toString()).start().waitFor());
        Result fifo = gyrus("run", "fifo.gyrus.json");
        assertEquals(3, fifo.code(), fifo::toString);
        assertTrue(fifo.err().contains("is not a regular file (a named pipe or a device)"), fifo::toString);
        for (Result r : List.of(latin1, utf16, two, folder, fifo)) {
            assertFalse(r.err().contains("\tat "), "one paragraph, no stack trace: " + r);
        }
    }

    @Test
    void quietAndVerboseWorkWithEveryCommand() throws Exception {
        pipeline();
        for (String flag : List.of("--quiet", "--verbose")) {
            for (String[] args : new String[][] {{"validate", "small.gyrus.json"}, {"nodes"}, {"describe", "org.gyrus.samples.cohort"}}) {
                List<String> all = new ArrayList<>(List.of(args));
                all.add(flag);
                Result r = gyrus(all.toArray(String[]::new));
                assertEquals(0, r.code(), r::toString);
                assertEquals(flag.equals("--quiet"), r.out().isEmpty(), r::toString);
            }
            Result info = gyrus("info", flag, "nothing.nii");
            assertFalse(info.err().contains("unknown option"), info::toString);
            assertTrue(info.code() == 3 || info.code() == 4, info::toString);
        }
    }

    @Test
    void runningOutOfMemoryIsAClearFailure() throws Exception {
        Files.writeString(dir.resolve("big.gyrus.json"), """
                {"format": "gyrus-pipeline", "formatVersion": 1, "name": "big",
                 "nodes": [{"id": "cohort", "type": "org.gyrus.samples.cohort", "version": "1.0.0",
                            "parameters": {"subjects": 5000, "size": 96}}]}
                """);
        Result r = gyrus(Map.of("GYRUS_JAVA_OPTS", "-Xmx96m"), "run", "big.gyrus.json", "--no-cache");
        assertEquals(4, r.code(), r::toString);
        assertTrue(r.err().contains("node 'cohort' (org.gyrus.samples.cohort 1.0.0) failed: Java ran out of memory (")
                && r.err().contains("GYRUS_JAVA_OPTS=-Xmx16g"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
        JsonNode prov = new ObjectMapper().readTree(dir.resolve("gyrus-out/big/provenance.json").toFile());
        assertEquals("failed", prov.at("/activity/gyrus:run/gyrus:status").asText());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
