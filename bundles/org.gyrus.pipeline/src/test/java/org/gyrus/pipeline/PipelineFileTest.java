package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineFileTest {

    static Pipeline sample() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("strategy", "median");
        p.put("alpha", 0.25);
        p.put("count", 3);
        p.put("big", 12345678901L);
        p.put("flag", true);
        p.put("sizes", List.of(1, 2, 3));
        p.put("subject", "${subject}");
        return Pipeline.named("round trip").withDescription("all the parts").withSeed(42)
                .withVariable(new Pipeline.Variable("subject", Pipeline.VariableType.STRING, "sub-01", "who"))
                .withVariable(new Pipeline.Variable("scale", Pipeline.VariableType.NUMBER, 1.5, ""))
                .withVariable(new Pipeline.Variable("input", Pipeline.VariableType.PATH, null, "a file"))
                .withNode(new Pipeline.Node("a", "test.source", "1.0.0", Map.of(), 10.5, -20, Map.of("collapsed", true)))
                .withNode(new Pipeline.Node("b", "test.add", "1.2.0", p, 200, 40, Map.of()))
                .withEdge("a", "value", "b", "value");
    }

    @Test
    void writeThenReadGivesAnEqualPipelineAndTheSameText(@TempDir Path dir) throws Exception {
        Pipeline p = sample();
        Path f = dir.resolve("x.gyrus.json");
        PipelineFile.write(p, f);
        Pipeline back = PipelineFile.read(f);
        assertEquals(p, back);
        assertEquals(Files.readString(f), PipelineFile.toJson(back));
        assertEquals(12345678901L, back.node("b").orElseThrow().parameters().get("big"));
        assertEquals(0.25, back.node("b").orElseThrow().parameters().get("alpha"));
        assertEquals(List.of(1, 2, 3), back.node("b").orElseThrow().parameters().get("sizes"));
        assertEquals(10.5, back.node("a").orElseThrow().x());
        assertEquals(42, back.seed());
        assertEquals(3, back.variables().size());
    }

    @Test
    void misspeltFieldIsRefusedWithItsName() {
        String json = """
                {"format": "gyrus-pipeline", "formatVersion": 1, "nodes": [
                  {"id": "a", "type": "t", "version": "1.0.0", "paramters": {}}]}
                """;
        PipelineFormatException e = assertThrows(PipelineFormatException.class, () -> PipelineFile.parse(json));
        assertTrue(e.getMessage().contains("node 'a': unknown field 'paramters'"), e.getMessage());
    }

    @Test
    void newerFormatVersionAsksForAnUpdate() {
        PipelineFormatException e = assertThrows(PipelineFormatException.class,
                () -> PipelineFile.parse("{\"format\": \"gyrus-pipeline\", \"formatVersion\": 7}"));
        assertTrue(e.getMessage().contains("format version 7"), e.getMessage());
        assertTrue(e.getMessage().contains("update Gyrus"), e.getMessage());
    }

    @Test
    void badJsonNamesLineAndColumn() {
        PipelineFormatException e = assertThrows(PipelineFormatException.class,
                () -> PipelineFile.parse("{\n\"format\": \"gyrus-pipeline\",\n \"nodes\": [,]}"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void duplicateNodeIdsAreRefused() {
        String json = """
                {"format": "gyrus-pipeline", "formatVersion": 1, "nodes": [
                  {"id": "a", "type": "t", "version": "1.0.0"}, {"id": "a", "type": "u", "version": "1.0.0"}]}
                """;
        PipelineFormatException e = assertThrows(PipelineFormatException.class, () -> PipelineFile.parse(json));
        assertTrue(e.getMessage().contains("Two nodes have the id 'a'"), e.getMessage());
    }
}
