package org.gyrus.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The pipeline and the variable values that produced a result: what a figure, a volume or an
 * output folder leads back to. Gyrus stamps it into the files it writes (PNG figures of reports as
 * a text chunk named {@link #PNG_KEYWORD}; NIfTI files of {@code write-volume} as a comment
 * extension) as a small JSON document, {@link #toJson()}:
 *
 * <pre>{@code {"format":"gyrus-origin","version":1,"pipeline":{ ...the pipeline file... },"variables":{"subject":"sub-01"}}}</pre>
 *
 * The text is pure ASCII (other characters are escaped as {@code \}{@code uXXXX}), so it is valid
 * wherever a format asks for ASCII text. {@link OriginFinder} finds it again for a file or folder.
 *
 * @param pipeline  the pipeline as it was loaded for the run (variables with their file defaults)
 * @param variables the value of every variable in the run, as text (what {@code --set} takes)
 * @param source    where this origin was found, for messages ("the provenance record /x/provenance.json")
 */
public record PipelineOrigin(Pipeline pipeline, Map<String, String> variables, String source) {

    /** The keyword of the PNG text chunk that carries the origin. */
    public static final String PNG_KEYWORD = "gyrus:pipeline";
    /** The value of the document's {@code format} field. */
    public static final String FORMAT = "gyrus-origin";
    /** The newest version of the document this Gyrus reads and the one it writes. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** Checks the fields and copies the variables (kept in name order). */
    public PipelineOrigin {
        Objects.requireNonNull(pipeline, "pipeline");
        variables = Map.copyOf(variables);
        source = source == null ? "" : source;
    }

    /** The origin of a run of {@code pipeline} with these variable values (as the executor resolved them). */
    public static PipelineOrigin of(Pipeline pipeline, Map<String, ?> values) {
        Map<String, String> text = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                text.put(k, String.valueOf(v));
            }
        });
        return new PipelineOrigin(pipeline, text, "");
    }

    /** The origin of {@code result}'s run. */
    public static PipelineOrigin of(RunResult result) {
        return of(result.pipeline(), result.variables());
    }

    /** This origin found at {@code where}. */
    public PipelineOrigin foundIn(String where) {
        return new PipelineOrigin(pipeline, variables, where);
    }

    /**
     * The pipeline with each variable's default replaced by its value here: open or run it as it
     * is to repeat the analysis.
     */
    public Pipeline pipelineWithValues() {
        Pipeline p = pipeline;
        for (Pipeline.Variable v : pipeline.variables()) {
            String value = variables.get(v.name());
            if (value != null) {
                p = p.withVariable(new Pipeline.Variable(v.name(), v.type(), v.type().convert(value), v.description()));
            }
        }
        return p;
    }

    /** The document, compact and pure ASCII. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        try {
            root.set("pipeline", MAPPER.readTree(PipelineFile.toJson(pipeline)));
            ObjectNode vars = root.putObject("variables");
            new TreeMap<>(variables).forEach(vars::put);
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The pipeline's own JSON did not parse: " + e.getMessage(), e);
        }
    }

    /** Whether {@code text} looks like an origin document (starts as {@link #toJson()} does). */
    public static boolean looksLikeOrigin(String text) {
        return text.startsWith("{\"format\":\"" + FORMAT + "\"");
    }

    /**
     * Reads an origin document.
     *
     * @param where where the text was found, named in messages and kept as {@link #source()}
     * @throws PipelineFormatException naming {@code where} and what is wrong: not JSON, another
     *                                 format, a newer version, a damaged pipeline or variables
     */
    public static PipelineOrigin parse(String json, String where) throws PipelineFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PipelineFormatException(where + " is damaged: not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new PipelineFormatException(where + " is not a Gyrus pipeline stamp (its format is not '" + FORMAT + "')");
        }
        int version = root.path("version").asInt(-1);
        if (version < 1) {
            throw new PipelineFormatException(where + " is damaged: its 'version' is missing or not a positive number");
        }
        if (version > VERSION) {
            throw new PipelineFormatException(where + " was written by a newer Gyrus (stamp version " + version
                    + "; this one reads up to " + VERSION + "): update Gyrus to open it");
        }
        JsonNode p = root.get("pipeline");
        if (p == null || !p.isObject()) {
            throw new PipelineFormatException(where + " is damaged: it has no 'pipeline' object");
        }
        Pipeline pipeline;
        try {
            pipeline = PipelineFile.parse(p.toString());
        } catch (PipelineFormatException e) {
            throw new PipelineFormatException(where + " holds a damaged pipeline: " + e.getMessage());
        }
        Map<String, String> vars = new LinkedHashMap<>();
        JsonNode v = root.path("variables");
        if (!v.isMissingNode() && !v.isObject()) {
            throw new PipelineFormatException(where + " is damaged: 'variables' is not an object");
        }
        for (var it = v.fields(); it.hasNext();) {
            var e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new PipelineFormatException(where + " is damaged: variable '" + e.getKey() + "' has no text value");
            }
            vars.put(e.getKey(), e.getValue().asText());
        }
        for (Pipeline.Variable d : pipeline.variables()) {
            if (vars.containsKey(d.name())) {
                try {
                    d.type().convert(vars.get(d.name()));
                } catch (IllegalArgumentException e) {
                    throw new PipelineFormatException(where + " is damaged: variable '" + d.name() + "': " + e.getMessage());
                }
            }
        }
        return new PipelineOrigin(pipeline, vars, where);
    }
}
