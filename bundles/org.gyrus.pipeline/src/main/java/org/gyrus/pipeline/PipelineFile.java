package org.gyrus.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gyrus.data.AtomicFile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes pipeline files ({@code *.gyrus.json}); the format is described in
 * {@code docs/pipeline-format.md} and {@code docs/gyrus-pipeline.schema.json}. Writing then reading
 * gives back an equal {@link Pipeline}, and reading then writing a file this class wrote gives the
 * same text.
 */
public final class PipelineFile {

    /** The value of the {@code format} field that marks a Gyrus pipeline file. */
    public static final String FORMAT = "gyrus-pipeline";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // "{...} garbage" or "{...}{...}" is not one pipeline: refuse it rather than read the first object.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** Far more than any real pipeline (200,000 nodes take about 40 MB); larger files are refused before reading. */
    static final long MAX_BYTES = 256L << 20;

    private static final Set<String> TOP = Set.of("format", "formatVersion", "name", "description", "seed", "variables",
            "nodes", "edges", "metadata");
    private static final Set<String> NODE = Set.of("id", "type", "version", "parameters", "position", "metadata");
    private static final Set<String> EDGE = Set.of("from", "output", "to", "input");
    private static final Set<String> VARIABLE = Set.of("name", "type", "default", "description");

    private PipelineFile() {
    }

    /**
     * Reads a pipeline file.
     *
     * @throws PipelineFormatException naming the file and the place if it is not a valid pipeline file
     * @throws IOException if it cannot be read
     */
    public static Pipeline read(Path file) throws IOException {
        byte[] bytes = readRegularFile(file, "The pipeline file");
        String text;
        try {
            text = decode(bytes);
        } catch (PipelineFormatException e) {
            throw new PipelineFormatException(file + ": " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (PipelineFormatException e) {
            throw new PipelineFormatException(file + ": " + e.getMessage());
        }
    }

    /**
     * The bytes of {@code file}, refusing what is not a readable regular file (a folder, a named
     * pipe that would block forever, a device) with a message naming it as {@code what}.
     *
     * @throws PipelineFormatException if it is missing, not a regular file, or not readable
     */
    static byte[] readRegularFile(Path file, String what) throws IOException {
        if (!Files.exists(file)) {
            throw new PipelineFormatException(what + " " + file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new PipelineFormatException(what + " " + file + " is a folder, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new PipelineFormatException(what + " " + file + " is not a regular file (a named pipe or a device); "
                    + "save the pipeline to a file");
        }
        if (!Files.isReadable(file)) {
            throw new PipelineFormatException(what + " " + file + " cannot be read: permission denied");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new PipelineFormatException(what + " " + file + " is " + (Files.size(file) >> 20)
                    + " MB; a pipeline file is JSON text of at most " + (MAX_BYTES >> 20) + " MB");
        }
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new PipelineFormatException(what + " " + file + " cannot be read: permission denied");
        }
    }

    /**
     * The text of a pipeline file's bytes: UTF-8, with or without a byte-order mark. Other
     * encodings are refused with the place of the first byte that is not UTF-8.
     *
     * @throws PipelineFormatException saying what the encoding problem is and where
     */
    static String decode(byte[] bytes) throws PipelineFormatException {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            start = 3; // a UTF-8 byte-order mark, as some Windows editors write: harmless
        } else if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF
                || (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE)) {
            throw new PipelineFormatException("the file is UTF-16 text (it starts with a UTF-16 byte-order mark); "
                    + "pipeline files are UTF-8: save it as UTF-8 in your editor");
        }
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new PipelineFormatException("the file holds NUL bytes (at byte " + (i + 1) + "), so it is binary or "
                        + "UTF-16/UTF-32 text; pipeline files are UTF-8: save it as UTF-8 in your editor");
            }
        }
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes, start, bytes.length - start);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = start;
            for (int i = start; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            // Columns count characters, as editors do: the well-formed UTF-8 before the bad byte on its line.
            int column = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new PipelineFormatException(String.format(java.util.Locale.ROOT,
                    "line %d, column %d: the byte 0x%02X is not UTF-8 text (the file seems to be in another encoding, "
                    + "such as Latin-1 or Windows-1252); pipeline files are UTF-8: save it as UTF-8 in your editor",
                    line, column, bytes[bad] & 0xff));
        }
        out.flip();
        return out.toString();
    }

    /**
     * Parses the text of a pipeline file.
     *
     * @throws PipelineFormatException saying what is wrong and where
     */
    public static Pipeline parse(String json) throws PipelineFormatException {
        JsonNode root;
        try {
            // A byte-order mark that reached the text (a string read elsewhere) is not content.
            root = MAPPER.readTree(json.startsWith("\uFEFF") ? json.substring(1) : json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw new PipelineFormatException("more follows the pipeline's closing '}'" + (loc == null ? "" : " at line "
                        + loc.getLineNr() + ", column " + loc.getColumnNr()) + "; a pipeline file holds exactly one JSON object");
            }
            throw new PipelineFormatException("not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PipelineFormatException("a pipeline file holds one JSON object");
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new PipelineFormatException(e.getMessage());
        }
    }

    /** Writes {@code pipeline} to {@code file} atomically (a reader never sees half a file). */
    public static void write(Pipeline pipeline, Path file) throws IOException {
        AtomicFile.write(file, toJson(pipeline));
    }

    /** The text of {@code pipeline}'s file: indented JSON ending with a newline. */
    public static String toJson(Pipeline pipeline) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", Pipeline.FORMAT_VERSION);
        root.put("name", pipeline.name());
        if (!pipeline.description().isEmpty()) {
            root.put("description", pipeline.description());
        }
        root.put("seed", pipeline.seed());
        ArrayNode vars = root.putArray("variables");
        for (Pipeline.Variable v : pipeline.variables()) {
            ObjectNode o = vars.addObject();
            o.put("name", v.name());
            o.put("type", v.type().fileName());
            if (v.defaultValue() != null) {
                o.set("default", MAPPER.valueToTree(v.defaultValue()));
            }
            if (!v.description().isEmpty()) {
                o.put("description", v.description());
            }
        }
        ArrayNode nodes = root.putArray("nodes");
        for (Pipeline.Node n : pipeline.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("id", n.id());
            o.put("type", n.type());
            o.put("version", n.version());
            o.set("parameters", MAPPER.valueToTree(n.parameters()));
            ObjectNode pos = o.putObject("position");
            pos.put("x", n.x());
            pos.put("y", n.y());
            if (!n.metadata().isEmpty()) {
                o.set("metadata", MAPPER.valueToTree(n.metadata()));
            }
        }
        ArrayNode edges = root.putArray("edges");
        for (Pipeline.Edge e : pipeline.edges()) {
            ObjectNode o = edges.addObject();
            o.put("from", e.fromNode());
            o.put("output", e.output());
            o.put("to", e.toNode());
            o.put("input", e.input());
        }
        if (!pipeline.metadata().isEmpty()) {
            root.set("metadata", MAPPER.valueToTree(pipeline.metadata()));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Pipeline fromJson(JsonNode root) {
        onlyFields(root, TOP, "the pipeline");
        String format = text(root, "format", "the pipeline", true);
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("the field 'format' must be \"" + FORMAT + "\", not \"" + format + "\"");
        }
        JsonNode fv = root.get("formatVersion");
        if (fv == null || !fv.canConvertToExactIntegral()) {
            throw new IllegalArgumentException("the field 'formatVersion' must be a whole number");
        }
        if (fv.asInt() > Pipeline.FORMAT_VERSION || fv.asInt() < 1) {
            throw new IllegalArgumentException("the file has format version " + fv.asInt() + "; this Gyrus reads version "
                    + Pipeline.FORMAT_VERSION + (fv.asInt() > Pipeline.FORMAT_VERSION ? " (update Gyrus to open it)" : ""));
        }
        long seed = 0;
        if (root.has("seed")) {
            if (!root.get("seed").canConvertToExactIntegral() || !root.get("seed").canConvertToLong()) {
                throw new IllegalArgumentException("the field 'seed' must be a whole number");
            }
            seed = root.get("seed").asLong();
        }
        List<Pipeline.Variable> variables = new ArrayList<>();
        for (JsonNode v : array(root, "variables")) {
            String where = v.path("name").isTextual() ? "variable '" + v.get("name").textValue() + "'"
                    : "variable " + (variables.size() + 1);
            onlyFields(v, VARIABLE, where);
            String name = text(v, "name", where, true);
            Pipeline.VariableType type = Pipeline.VariableType.ofFileName(text(v, "type", where, true));
            Object def = v.has("default") && !v.get("default").isNull() ? value(v.get("default"), where + ", default") : null;
            variables.add(new Pipeline.Variable(name, type, def, text(v, "description", where, false)));
        }
        List<Pipeline.Node> nodes = new ArrayList<>();
        for (JsonNode n : array(root, "nodes")) {
            String where = n.path("id").isTextual() ? "node '" + n.get("id").textValue() + "'" : "node " + (nodes.size() + 1);
            onlyFields(n, NODE, where);
            String id = text(n, "id", where, true);
            Map<String, Object> params = new LinkedHashMap<>();
            JsonNode p = n.get("parameters");
            if (p != null && !p.isNull()) {
                if (!p.isObject()) {
                    throw new IllegalArgumentException(where + ": 'parameters' must be an object of name: value");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.put(e.getKey(), value(e.getValue(), where + ", parameter '" + e.getKey() + "'"));
                }
            }
            double x = 0;
            double y = 0;
            JsonNode pos = n.get("position");
            if (pos != null && !pos.isNull()) {
                if (!pos.isObject() || !pos.path("x").isNumber() || !pos.path("y").isNumber() || pos.size() != 2) {
                    throw new IllegalArgumentException(where + ": 'position' must be {\"x\": number, \"y\": number}");
                }
                x = pos.get("x").asDouble();
                y = pos.get("y").asDouble();
            }
            nodes.add(new Pipeline.Node(id, text(n, "type", where, true), text(n, "version", where, true), params, x, y,
                    metadata(n, where)));
        }
        List<Pipeline.Edge> edges = new ArrayList<>();
        for (JsonNode e : array(root, "edges")) {
            String where = "edge " + (edges.size() + 1);
            onlyFields(e, EDGE, where);
            edges.add(new Pipeline.Edge(text(e, "from", where, true), text(e, "output", where, true),
                    text(e, "to", where, true), text(e, "input", where, true)));
        }
        return new Pipeline(text(root, "name", "the pipeline", false), text(root, "description", "the pipeline", false),
                seed, variables, nodes, edges, metadata(root, "the pipeline"));
    }

    private static Map<String, Object> metadata(JsonNode parent, String where) {
        JsonNode m = parent.get("metadata");
        if (m == null || m.isNull()) {
            return Map.of();
        }
        if (!m.isObject()) {
            throw new IllegalArgumentException(where + ": 'metadata' must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = MAPPER.convertValue(m, LinkedHashMap.class);
        return out;
    }

    /** A parameter or default value: a number, text, boolean or a list of those. */
    private static Object value(JsonNode v, String where) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw new IllegalArgumentException(where + ": " + v + " is too large");
            }
            return v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
        }
        if (v.isNumber()) {
            if (!Double.isFinite(v.doubleValue())) {
                // 1e400 parses as infinity, which no JSON file can hold: writing the pipeline back would break it.
                throw new IllegalArgumentException(where + ": the number is beyond the range of numbers (about ±1.8e308)");
            }
            return v.doubleValue();
        }
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonNode x : v) {
                if (x.isArray() || x.isObject() || x.isNull()) {
                    throw new IllegalArgumentException(where + ": a list may hold numbers, text or true/false only");
                }
                l.add(value(x, where));
            }
            return l;
        }
        throw new IllegalArgumentException(where + ": a value must be a number, text, true/false or a list, not " + v);
    }

    private static List<JsonNode> array(JsonNode parent, String field) {
        JsonNode a = parent.get(field);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException("the field '" + field + "' must be a list");
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode x : a) {
            if (!x.isObject()) {
                throw new IllegalArgumentException("every entry of '" + field + "' must be an object, not " + x);
            }
            out.add(x);
        }
        return out;
    }

    private static String text(JsonNode parent, String field, String where, boolean required) {
        JsonNode t = parent.get(field);
        if (t == null || t.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": the field '" + field + "' is missing");
            }
            return "";
        }
        if (!t.isTextual()) {
            throw new IllegalArgumentException(where + ": the field '" + field + "' must be text, not " + t);
        }
        return t.textValue();
    }

    private static void onlyFields(JsonNode o, Set<String> allowed, String where) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                // Strict on purpose: a misspelt "paramters" would otherwise be silently ignored.
                throw new IllegalArgumentException(where + ": unknown field '" + f + "'; the fields are "
                        + allowed.stream().sorted().toList());
            }
        }
    }
}
