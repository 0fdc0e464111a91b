package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gyrus.pipeline.internal.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    @TempDir
    Path dir;

    @Test
    void recordsPipelineVariablesNodesVersionsSeedsAndFileHashes() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "subject data");
        Pipeline p = Pipeline.named("prov").withSeed(5)
                .withVariable(new Pipeline.Variable("gain", Pipeline.VariableType.NUMBER, 1, ""))
                .withNode(Pipeline.Node.of("a", "test.source", "1.0.0", Map.of("amount", "${gain}", "file", input.toString())))
                .withNode(Pipeline.Node.of("b", "test.add", "1.2.0", Map.of()))
                .withEdge("a", "value", "b", "value");
        Path file = dir.resolve("p.gyrus.json");
        PipelineFile.write(p, file);
        RunResult r = Executor.builder(FakeNode.registry(FakeNode.source("1.0.0"), FakeNode.add())).build()
                .run(PipelineFile.read(file), Map.of("gain", "4"));
        Map<String, Path> outputs = RunOutputs.write(r, dir.resolve("out"));
        assertEquals(Map.of("b.value", dir.resolve("out/b.value.txt")), outputs);
        assertEquals("5.0\n", Files.readString(outputs.get("b.value")));

        Path record = dir.resolve("out/provenance.json");
        Provenance.of(r).pipelineFile(file).outputs(outputs).software("gyrus", "0.1.0").writeTo(record);
        JsonNode prov = new ObjectMapper().readTree(record.toFile());

        JsonNode pipeline = prov.at("/entity/gyrus:pipeline");
        assertEquals(Sha256.ofPath(file), pipeline.get("gyrus:sha256").asText());
        assertEquals("4.0", pipeline.get("gyrus:variable.gain").asText());
        assertEquals(5, pipeline.get("gyrus:seed").asLong());
        Pipeline resolved = PipelineFile.parse(pipeline.get("gyrus:resolvedPipeline").asText());
        assertEquals(4.0, resolved.variable("gain").orElseThrow().defaultValue());

        JsonNode a = prov.at("/activity/gyrus:node.a");
        assertEquals("test.source", a.get("gyrus:nodeType").asText());
        assertEquals("1.0.0", a.get("gyrus:nodeVersion").asText());
        assertEquals("org.gyrus.test", a.get("gyrus:bundle").asText());
        assertEquals(PipelineValidator.nodeSeed(5, "a"), a.get("gyrus:seed").asLong());
        assertEquals("4.0", a.get("gyrus:parameter.amount").asText());
        assertEquals("finished", a.get("gyrus:state").asText());
        assertEquals("xsd:dateTime", a.at("/prov:startTime/type").asText());
        assertTrue(a.get("gyrus:wallTimeSeconds").asDouble() >= 0);

        assertEquals(Sha256.ofPath(input), prov.at("/entity/gyrus:input.1/gyrus:sha256").asText());
        assertEquals(Sha256.ofPath(outputs.get("b.value")), prov.at("/entity/gyrus:output.b.value/gyrus:sha256").asText());
        assertTrue(prov.at("/activity/gyrus:run/gyrus:jvm").asText().contains(System.getProperty("java.runtime.version")));
        assertEquals("succeeded", prov.at("/activity/gyrus:run/gyrus:status").asText());
        boolean generated = false;
        for (JsonNode g : prov.get("wasGeneratedBy")) {
            generated |= g.get("prov:entity").asText().equals("gyrus:output.b.value")
                    && g.get("prov:activity").asText().equals("gyrus:node.b");
        }
        assertTrue(generated);
    }

    @Test
    void aFileWrittenByAWriterNodeIsAnOutputNotAnInput() throws Exception {
        FakeNode writer = new FakeNode(NodeDescriptor.builder("test.write", "1.0.0").output("file", Path.class, "")
                .parameters(FakeNode.NumberParameters.class).build(), c -> {
                    Path f = c.parameters(FakeNode.NumberParameters.class).file;
                    Files.writeString(f, "written");
                    c.output("file", f);
                });
        Path target = dir.resolve("result.txt");
        Pipeline p = Pipeline.named("w").withNode(Pipeline.Node.of("w", "test.write", "1.0.0", Map.of("file", target.toString())));
        RunResult r = Executor.builder(FakeNode.registry(writer)).build().run(p, Map.of());
        Map<String, Path> outputs = RunOutputs.write(r, dir.resolve("out"));
        assertEquals(Map.of("w.file", target), outputs);
        JsonNode prov = new ObjectMapper().readTree(Provenance.of(r).outputs(outputs).toJson());
        assertEquals(Sha256.ofPath(target), prov.at("/entity/gyrus:output.w.file/gyrus:sha256").asText());
        assertTrue(prov.at("/entity/gyrus:input.1").isMissingNode());
    }
}
