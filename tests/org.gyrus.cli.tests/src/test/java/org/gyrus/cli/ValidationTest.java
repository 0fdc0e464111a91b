package org.gyrus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gyrus validate} on the built product with every installed node type: every pipeline
 * example in the documentation validates, and the spec step finds, before anything runs, the
 * mistakes that would otherwise stop a long batch.
 */
class ValidationTest {

    private static final Path ROOT = Path.of(System.getProperty("gyrus.root", "../..")).toAbsolutePath().normalize();
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

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
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gyrus " + String.join(" ", args) + " did not end within 180 s");
        }
        return new Result(p.exitValue(), Files.readString(dir.resolve(".stdout")), Files.readString(dir.resolve(".stderr")));
    }

    /** The pipeline files shown in README.md and docs/*.md. */
    private static List<String> documentedPipelines() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("ARCHITECTURE.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> found = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = JSON_BLOCK.matcher(Files.readString(page));
            while (m.find()) {
                if (m.group(1).contains("\"gyrus-pipeline\"")) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }

    @Test
    void everyPipelineExampleInTheDocumentationValidates() throws Exception {
        List<String> examples = documentedPipelines();
        assertFalse(examples.isEmpty(), "docs/pipeline-format.md shows an example");
        for (int i = 0; i < examples.size(); i++) {
            String example = examples.get(i);
            Path file = dir.resolve("example" + i + ".gyrus.json");
            Files.writeString(file, example);
            Result r = gyrus("validate", file.getFileName().toString());
            assertEquals(0, r.code(), () -> "the documented pipeline\n" + example + "\ndoes not validate: " + r);
            assertTrue(r.out().contains("is valid"), r::toString);
        }
    }

    @Test
    void theSpecStepFindsMistakesBeforeAnythingRuns() throws Exception {
        Files.writeString(dir.resolve("mistakes.gyrus.json"), """
                {
                  "format": "gyrus-pipeline", "formatVersion": 1, "name": "mistakes",
                  "nodes": [
                    { "id": "cohort", "type": "org.gyrus.samples.cohort", "version": "1.0.0", "parameters": { "subjects": 8, "size": 16 } },
                    { "id": "split", "type": "org.gyrus.preprocess.train-test-split", "version": "1.0.0",
                      "parameters": { "mode": "stratified", "labelColumn": "lesoin" } },
                    { "id": "pca", "type": "org.gyrus.reduce.pca", "version": "1.0.0" },
                    { "id": "apply", "type": "org.gyrus.preprocess.apply", "version": "1.0.0" },
                    { "id": "lonely", "type": "org.gyrus.reduce.pca", "version": "1.0.0" }
                  ],
                  "edges": [
                    { "from": "cohort", "output": "clinical", "to": "split", "input": "table" },
                    { "from": "split", "output": "train", "to": "pca", "input": "table" },
                    { "from": "pca", "output": "model", "to": "apply", "input": "model" },
                    { "from": "split", "output": "test", "to": "apply", "input": "table" }
                  ]
                }
                """);
        Result r = gyrus("validate", "mistakes.gyrus.json");
        assertEquals(3, r.code(), r::toString);
        assertTrue(r.err().contains("Node 'split', parameters.labelColumn: the label column 'lesoin' is not a column of the table"),
                r::toString);
        assertTrue(r.err().contains("Node 'apply', inputs.model: takes a fitted preprocessing model (imputer, encoder, scaler or "
                + "variance threshold), but is connected to a org.gyrus.reduce.pca model"), r::toString);
        assertTrue(r.err().contains("Node 'lonely', inputs: connect exactly one of the inputs 'features' and 'table' (neither is "
                + "connected)"), r::toString);
        assertFalse(Files.exists(dir.resolve("gyrus-out")), "nothing ran");
    }
}
