package org.gyrus.io.info;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.imglib2.Cursor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.gyrus.data.SpatialUnit;
import org.gyrus.data.TemporalUnit;
import org.gyrus.data.Volume;
import org.gyrus.data.XformCode;
import org.gyrus.io.nifti.NiftiExtension;
import org.gyrus.io.nifti.NiftiHeader;
import org.gyrus.io.nifti.NiftiReader;
import org.joml.Matrix4d;

/**
 * {@code gyrus info FILE...}: a summary of each NIfTI/Analyze image, like {@code nib-ls} or
 * {@code fslinfo} — shape, datatype, byte order, voxel sizes and units, the chosen affine and its
 * code, both xforms, scaling, extensions and the min/max/mean of the scaled data. With
 * {@code --json}, one JSON object per line and file. A file that cannot be read is reported on the
 * error stream; the others are still listed and the exit code is 3.
 */
public final class VolumeInfo {

    /** Exit code: every file listed. */
    public static final int OK = 0;
    /** Exit code: the arguments were wrong. */
    public static final int BAD_ARGUMENTS = 2;
    /** Exit code: at least one file could not be read. */
    public static final int UNREADABLE = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private VolumeInfo() {
    }

    /** One line of help. */
    public static String summary() {
        return "Summarise NIfTI/Analyze images: shape, type, affine, scaling, extensions, value range (--json for JSON lines)";
    }

    /**
     * Runs the command on {@code args} ({@code [--json] [--verbose|--quiet] FILE...}) and returns the
     * exit code. {@code --verbose} adds the stack trace to an error; {@code --quiet} is accepted as
     * with every command (the summaries are the command's result, so they are still printed).
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean json = false;
        boolean verbose = false;
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("-v") || a.equals("--verbose")) {
                verbose = true;
            } else if (a.equals("-q") || a.equals("--quiet")) {
                verbose = false;
            } else if (a.equals("-h") || a.equals("--help")) {
                out.println("Usage: gyrus info [--json] [--verbose|--quiet] FILE...\n" + summary());
                return OK;
            } else if (a.startsWith("-")) {
                err.println("gyrus info: unknown option " + a + "\nUsage: gyrus info [--json] [--verbose|--quiet] FILE...");
                return BAD_ARGUMENTS;
            } else {
                files.add(Path.of(a));
            }
        }
        if (files.isEmpty()) {
            err.println("gyrus info: no files given\nUsage: gyrus info [--json] [--verbose|--quiet] FILE...");
            return BAD_ARGUMENTS;
        }
        int code = OK;
        for (Path f : files) {
            try {
                ObjectNode info = describe(f);
                out.println(json ? JSON.writeValueAsString(info) : text(info));
            } catch (IOException | RuntimeException e) {
                err.println("gyrus info: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                if (verbose) {
                    e.printStackTrace(err);
                }
                code = UNREADABLE;
            }
        }
        out.flush();
        return code;
    }

    /** Everything the command reports about {@code file}, as the JSON object {@code --json} prints. */
    public static ObjectNode describe(Path file) throws IOException {
        NiftiHeader h = NiftiReader.readHeader(file);
        // The stored values, with the memory check of Read Volume's default read, so that both load
        // exactly the same files; the statistics below scale them in double precision, as nibabel does.
        Volume v = NiftiReader.readStored(file);
        double slope = h.slope();
        double inter = h.intercept();
        ObjectNode o = JSON.createObjectNode();
        o.put("file", file.toString());
        o.put("format", h.format().name());
        o.put("single_file", h.isSingleFile());
        longs(o.putArray("shape"), h.shape());
        o.put("datatype", h.datatype().label());
        o.put("datatype_code", h.datatype().code());
        o.put("bitpix", h.bitpix());
        o.put("big_endian", h.isBigEndian());
        o.put("vox_offset", h.voxOffset());
        ArrayNode sizes = o.putArray("voxel_sizes");
        double[] pix = h.pixdim();
        for (int i = 1; i <= h.rank() && i < 8; i++) {
            sizes.add(pix[i]);
        }
        o.put("space_unit", h.format() == NiftiHeader.Format.ANALYZE ? "mm" : SpatialUnit.of(h.xyztUnits() & 7).symbol());
        o.put("time_unit", h.format() == NiftiHeader.Format.ANALYZE ? "" : TemporalUnit.of(h.xyztUnits() & 0x38).symbol());
        matrix(o.putArray("affine"), h.bestAffine());
        o.put("affine_code", h.bestAffineCode());
        o.put("affine_source", h.affineSource().name().toLowerCase(Locale.ROOT));
        if (h.format() != NiftiHeader.Format.ANALYZE) {
            o.put("qform_code", h.qformCode());
            o.put("sform_code", h.sformCode());
            matrix(o.putArray("qform"), h.qformAffine());
            matrix(o.putArray("sform"), h.sformAffine());
        } else {
            o.put("qform_code", 0);
            o.put("sform_code", 0);
        }
        o.put("scl_slope", h.slope());
        o.put("scl_inter", h.intercept());
        o.put("scaled", h.isScaled());
        ArrayNode ext = o.putArray("extensions");
        for (NiftiExtension e : h.extensions()) {
            ext.addObject().put("code", e.code()).put("size", e.sizeOnDisk());
        }
        o.put("descrip", h.descrip());
        o.put("memory_bytes", NiftiReader.memoryNeeded(h, NiftiReader.OutputType.NATIVE, file));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long n = 0;
        long nan = 0;
        Cursor<? extends RealType<?>> c = Views.flatIterable(v.image()).cursor();
        while (c.hasNext()) {
            double x = c.next().getRealDouble() * slope + inter;
            if (Double.isNaN(x)) {
                nan++;
            } else {
                min = Math.min(min, x);
                max = Math.max(max, x);
                sum += x;
                n++;
            }
        }
        o.put("min", n == 0 ? Double.NaN : min);
        o.put("max", n == 0 ? Double.NaN : max);
        o.put("mean", n == 0 ? Double.NaN : sum / n);
        o.put("nan_count", nan);
        ArrayNode warnings = o.putArray("warnings");
        h.warnings().forEach(warnings::add);
        return o;
    }

    /** The human-readable form of {@link #describe}'s object. */
    static String text(ObjectNode o) throws JsonProcessingException {
        StringBuilder sb = new StringBuilder(o.get("file").asText()).append('\n');
        line(sb, "format", String.format(Locale.ROOT, "%s (%s), %s-endian", o.get("format").asText(),
                o.get("single_file").asBoolean() ? "single file" : "pair", o.get("big_endian").asBoolean() ? "big" : "little"));
        line(sb, "shape", join(o.get("shape"), " x "));
        line(sb, "datatype", o.get("datatype").asText() + " (code " + o.get("datatype_code").asInt() + ", " + o.get("bitpix").asInt() + " bits)");
        line(sb, "voxel sizes", join(o.get("voxel_sizes"), " x ") + " " + o.get("space_unit").asText()
                + (o.get("time_unit").asText().isEmpty() ? "" : ", t in " + o.get("time_unit").asText()));
        line(sb, "affine", "from " + o.get("affine_source").asText() + ", code " + o.get("affine_code").asInt() + " ("
                + codeName(o.get("affine_code").asInt()) + ")");
        rows(sb, o.get("affine"));
        if (o.has("qform")) {
            line(sb, "qform", "code " + o.get("qform_code").asInt() + " (" + codeName(o.get("qform_code").asInt()) + ")");
            rows(sb, o.get("qform"));
            line(sb, "sform", "code " + o.get("sform_code").asInt() + " (" + codeName(o.get("sform_code").asInt()) + ")");
            rows(sb, o.get("sform"));
        }
        line(sb, "scaling", "slope " + num(o.get("scl_slope").asDouble()) + ", intercept " + num(o.get("scl_inter").asDouble())
                + (o.get("scaled").asBoolean() ? "" : " (not applied)"));
        StringBuilder ext = new StringBuilder(Integer.toString(o.get("extensions").size()));
        o.get("extensions").forEach(e -> ext.append(ext.length() == 1 ? ": " : ", ").append("code ").append(e.get("code").asInt())
                .append(" (").append(e.get("size").asInt()).append(" bytes)"));
        line(sb, "extensions", ext.toString());
        if (!o.get("descrip").asText().isEmpty()) {
            line(sb, "descrip", o.get("descrip").asText().replace('\0', ' ').strip());
        }
        long mem = o.get("memory_bytes").asLong();
        String size = mem >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", mem / (double) (1L << 30))
                : mem >= 1L << 20 ? String.format(Locale.ROOT, "%.1f MiB", mem / (double) (1L << 20))
                : mem >= 1L << 10 ? String.format(Locale.ROOT, "%.1f KiB", mem / (double) (1L << 10)) : mem + " bytes";
        line(sb, "memory", size + " as read by Read Volume (voxel type NATIVE)");
        line(sb, "values", "min " + num(o.get("min").asDouble()) + ", max " + num(o.get("max").asDouble()) + ", mean "
                + num(o.get("mean").asDouble()) + (o.get("nan_count").asLong() > 0 ? ", " + o.get("nan_count").asLong() + " NaN" : ""));
        o.get("warnings").forEach(w -> line(sb, "warning", w.asText()));
        return sb.toString().stripTrailing();
    }

    private static String codeName(int code) {
        try {
            return XformCode.of(code).name().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "invalid";
        }
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "  %-12s %s%n", key, value));
    }

    private static void rows(StringBuilder sb, com.fasterxml.jackson.databind.JsonNode m) {
        for (int r = 0; r < 3; r++) {
            sb.append("               ");
            for (int c = 0; c < 4; c++) {
                sb.append(String.format(Locale.ROOT, "%11.5g", m.get(r).get(c).asDouble()));
            }
            sb.append('\n');
        }
    }

    private static String join(com.fasterxml.jackson.databind.JsonNode a, String sep) {
        List<String> parts = new ArrayList<>();
        a.forEach(x -> parts.add(num(x.asDouble())));
        return String.join(sep, parts);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    private static void longs(ArrayNode a, long[] v) {
        for (long x : v) {
            a.add(x);
        }
    }

    private static void matrix(ArrayNode a, Matrix4d m) {
        for (int r = 0; r < 4; r++) {
            ArrayNode row = a.addArray();
            for (int c = 0; c < 4; c++) {
                row.add(m.getRowColumn(r, c));
            }
        }
    }
}
