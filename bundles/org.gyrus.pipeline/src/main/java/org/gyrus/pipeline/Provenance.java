package org.gyrus.pipeline;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.gyrus.data.AtomicFile;
import org.gyrus.pipeline.internal.Sha256;

/**
 * The provenance record of a run in W3C PROV-JSON: the run and each node execution are
 * activities; the pipeline, its input files (file parameters) and output files are entities with
 * their SHA-256; Gyrus and each node type's bundle are agents. Attributes in the {@code gyrus}
 * namespace carry what PROV has no term for: parameter and variable values, seeds, node type and
 * bundle versions, cache use, wall times, host and JVM.
 *
 * <pre>{@code
 * Provenance.of(result).pipelineFile(file).outputs(RunOutputs.write(result, dir)).writeTo(dir.resolve("provenance.json"));
 * }</pre>
 */
public final class Provenance {

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final RunResult result;
    private Path pipelineFile;
    private Map<String, Path> outputs = Map.of();
    private String software = "gyrus";
    private String softwareVersion = "unknown";

    private Provenance(RunResult result) {
        this.result = Objects.requireNonNull(result);
    }

    /** A record of {@code result}. */
    public static Provenance of(RunResult result) {
        return new Provenance(result);
    }

    /** The file the pipeline was read from, hashed into the record. */
    public Provenance pipelineFile(Path file) {
        pipelineFile = file;
        return this;
    }

    /** The output files written for the run, by {@code node.port} (as {@link RunOutputs#write} returns them). */
    public Provenance outputs(Map<String, Path> files) {
        outputs = Map.copyOf(files);
        return this;
    }

    /** The name and version of the program that ran the pipeline. */
    public Provenance software(String name, String version) {
        software = name;
        softwareVersion = version;
        return this;
    }

    /** Writes the record to {@code file} atomically. */
    public void writeTo(Path file) throws IOException {
        AtomicFile.write(file, toJson());
    }

    /** The record as PROV-JSON text. */
    public String toJson() throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode prefix = root.putObject("prefix");
        prefix.put("gyrus", "https://gyrus.org/ns/prov#");
        prefix.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        ObjectNode entity = root.putObject("entity");
        ObjectNode activity = root.putObject("activity");
        ObjectNode agent = root.putObject("agent");
        ObjectNode used = root.putObject("used");
        ObjectNode generated = root.putObject("wasGeneratedBy");
        ObjectNode associated = root.putObject("wasAssociatedWith");
        ObjectNode informed = root.putObject("wasInformedBy");
        ObjectNode derived = root.putObject("wasDerivedFrom");
        int[] ids = {0};

        ObjectNode sw = agent.putObject("gyrus:software");
        sw.put("prov:type", "prov:SoftwareAgent");
        sw.put("prov:label", software);
        sw.put("gyrus:version", softwareVersion);

        String runId = "gyrus:run";
        Instant end = result.started().plus(result.wallTime());
        ObjectNode run = activity.putObject(runId);
        run.set("prov:startTime", time(result.started()));
        run.set("prov:endTime", time(end));
        run.put("gyrus:status", result.cancelled() ? "cancelled" : result.succeeded() ? "succeeded" : "failed");
        run.put("gyrus:wallTimeSeconds", seconds(result.wallTime().toNanos()));
        run.put("gyrus:threads", result.threads());
        run.put("gyrus:host", host());
        run.put("gyrus:user", System.getProperty("user.name", ""));
        run.put("gyrus:os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        run.put("gyrus:jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        run.put("gyrus:cores", Runtime.getRuntime().availableProcessors());
        run.put("gyrus:maxHeapBytes", Runtime.getRuntime().maxMemory());
        run.put("gyrus:workingDirectory", Path.of("").toAbsolutePath().toString());
        relation(associated, ids, "prov:activity", runId, "prov:agent", "gyrus:software");

        Pipeline p = result.pipeline();
        ObjectNode pe = entity.putObject("gyrus:pipeline");
        pe.put("prov:type", "gyrus:Pipeline");
        pe.put("prov:label", p.name());
        pe.put("gyrus:seed", p.seed());
        if (pipelineFile != null) {
            pe.put("gyrus:path", pipelineFile.toAbsolutePath().toString());
            pe.put("gyrus:sha256", hash(pipelineFile));
        }
        for (Map.Entry<String, Object> v : result.variables().entrySet()) {
            pe.put("gyrus:variable." + v.getKey(), CanonicalValue.of(v.getValue()));
        }
        pe.put("gyrus:resolvedPipeline", PipelineFile.toJson(result.resolvedPipeline()));
        relation(used, ids, "prov:activity", runId, "prov:entity", "gyrus:pipeline");

        Set<Path> outputPaths = new java.util.HashSet<>();
        outputs.values().forEach(o -> outputPaths.add(o.toAbsolutePath().normalize()));
        Set<String> bundles = new LinkedHashSet<>();
        Map<Path, String> inputs = new LinkedHashMap<>();
        for (NodeOutcome n : result.nodes()) {
            String act = "gyrus:node." + n.node();
            ObjectNode a = activity.putObject(act);
            a.put("prov:label", n.node());
            if (n.started() != null) {
                a.set("prov:startTime", time(n.started()));
                a.set("prov:endTime", time(n.started().plus(n.wallTime())));
            }
            a.put("gyrus:nodeType", n.type().id());
            a.put("gyrus:nodeVersion", n.type().version().toString());
            a.put("gyrus:bundle", n.type().bundle());
            a.put("gyrus:bundleVersion", n.type().bundleVersion());
            a.put("gyrus:seed", n.seed());
            a.put("gyrus:state", n.state().name().toLowerCase(java.util.Locale.ROOT));
            a.put("gyrus:cached", n.cached());
            a.put("gyrus:wallTimeSeconds", seconds(n.wallTime().toNanos()));
            a.put("gyrus:cacheKey", n.cacheKey());
            if (!n.reason().isEmpty()) {
                a.put("gyrus:reason", n.reason());
            }
            for (Map.Entry<String, Object> param : n.parameters().asMap().entrySet()) {
                a.put("gyrus:parameter." + param.getKey(), CanonicalValue.of(param.getValue()));
                // A file parameter naming one of the outputs is where a writer node wrote, not an input.
                if (param.getValue() instanceof Path file && !outputPaths.contains(file.toAbsolutePath().normalize())) {
                    String id = inputs.computeIfAbsent(file.toAbsolutePath().normalize(), k -> "gyrus:input." + (inputs.size() + 1));
                    relation(used, ids, "prov:activity", act, "prov:entity", id);
                }
            }
            informed.putObject("_:i" + (++ids[0])).put("prov:informed", act).put("prov:informant", runId);
            String agentId = "gyrus:bundle." + n.type().bundle();
            if (bundles.add(agentId)) {
                ObjectNode b = agent.putObject(agentId);
                b.put("prov:type", "prov:SoftwareAgent");
                b.put("prov:label", n.type().bundle());
                b.put("gyrus:version", n.type().bundleVersion());
            }
            relation(associated, ids, "prov:activity", act, "prov:agent", agentId);
        }
        for (Map.Entry<Path, String> in : inputs.entrySet()) {
            ObjectNode e = entity.putObject(in.getValue());
            e.put("prov:type", "gyrus:InputFile");
            e.put("gyrus:path", in.getKey().toString());
            e.put("gyrus:sha256", hash(in.getKey()));
        }
        for (Map.Entry<String, Path> out : outputs.entrySet()) {
            String id = "gyrus:output." + out.getKey();
            ObjectNode e = entity.putObject(id);
            e.put("prov:type", "gyrus:OutputFile");
            e.put("prov:label", out.getKey());
            e.put("gyrus:path", out.getValue().toAbsolutePath().toString());
            e.put("gyrus:sha256", hash(out.getValue()));
            String node = out.getKey().substring(0, out.getKey().indexOf('.'));
            relation(generated, ids, "prov:entity", id, "prov:activity", "gyrus:node." + node);
            relation(derived, ids, "prov:generatedEntity", id, "prov:usedEntity", "gyrus:pipeline");
        }
        return MAPPER.writeValueAsString(root) + "\n";
    }

    private static void relation(ObjectNode group, int[] ids, String k1, String v1, String k2, String v2) {
        group.putObject("_:r" + (++ids[0])).put(k1, v1).put(k2, v2);
    }

    private static ObjectNode time(Instant t) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("$", t.toString());
        n.put("type", "xsd:dateTime");
        return n;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e5) / 1e4;
    }

    private static String hash(Path file) {
        try {
            return Sha256.ofPath(file);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
