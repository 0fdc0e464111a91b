package org.gyrus.workbench.viewers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import net.imglib2.type.numeric.RealType;

import org.gyrus.data.Chart;
import org.gyrus.data.FeatureMatrix;
import org.gyrus.data.ModelArtifact;
import org.gyrus.data.Report;
import org.gyrus.data.Table;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.nn.io.TensorData;

/**
 * The one-line summary of a value that hovering a port shows: "Table: 1,000,000 rows × 12 columns
 * (3 with missing values)", "Volume 91×109×91, float32, 2×2×2 mm, RAS", "Model pca (schema 1): 3
 * tensors"... Never fails: a value it cannot describe gets its type name.
 */
public final class ValueSummary {

    private static final int MAX_TEXT = 80;

    private ValueSummary() {
    }

    /** The summary of {@code value}. */
    public static String of(Object value) {
        try {
            return describe(value);
        } catch (RuntimeException e) {
            return value.getClass().getSimpleName() + " (cannot be described: " + e.getMessage() + ")";
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "no value";
        }
        if (value instanceof Table t) {
            long withMissing = t.columns().stream().filter(c -> c.missingCount() > 0).count();
            return "Table: " + count(t.rowCount(), "row") + " × " + count(t.columnCount(), "column")
                    + (withMissing > 0 ? " (" + withMissing + " with missing values)" : "");
        }
        if (value instanceof FeatureMatrix m) {
            return "Feature matrix: " + count(m.rows(), "sample") + " × " + count(m.cols(), "feature")
                    + (m.hasSampleShape() ? ", each " + shape(m.sampleShape()) : "");
        }
        if (value instanceof Volume v) {
            return volume(v);
        }
        if (value instanceof VolumeSet s) {
            return "Volume set: " + count(s.size(), "subject") + (s.size() > 0 ? " (" + String.join(", ",
                    s.ids().subList(0, Math.min(3, s.size()))) + (s.size() > 3 ? ", …" : "") + ")" : "");
        }
        if (value instanceof ModelArtifact m) {
            Map<String, TensorData> tensors = m.tensors();
            long params = tensors.values().stream().mapToLong(TensorData::elementCount).sum();
            return "Model " + m.kind() + " (schema " + m.schema() + "): " + count(tensors.size(), "tensor") + ", "
                    + String.format(Locale.ROOT, "%,d", params) + " values";
        }
        if (value instanceof Report r) {
            long figures = r.items().stream().filter(i -> i instanceof Report.Figure).count();
            long tables = r.items().stream().filter(i -> i instanceof Report.Metrics).count();
            long texts = r.items().size() - figures - tables;
            return "Report: " + count(figures, "figure") + ", " + count(tables, "table") + ", " + count(texts, "text");
        }
        if (value instanceof Chart) {
            return "Chart";
        }
        if (value instanceof Path p) {
            String kind = Files.isDirectory(p) ? "Folder" : "File";
            try {
                return kind + ": " + p.getFileName() + (Files.isRegularFile(p) ? " (" + bytes(Files.size(p)) + ")" : "");
            } catch (java.io.IOException e) {
                return kind + ": " + p.getFileName() + " (unreadable)";
            }
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.getClass().getSimpleName() + ": " + value;
        }
        if (value instanceof CharSequence s) {
            String one = s.toString().replaceAll("\\s+", " ");
            return "Text: " + (one.length() > MAX_TEXT ? one.substring(0, MAX_TEXT) + "…" : one);
        }
        return value.getClass().getSimpleName();
    }

    private static String volume(Volume v) {
        long[] d = v.dimensions();
        String dims = Arrays.stream(d).mapToObj(Long::toString).collect(Collectors.joining("×"));
        double[] s = v.voxelSizes();
        String sizes = Arrays.stream(s, 0, Math.min(3, s.length)).mapToObj(ValueSummary::number).collect(Collectors.joining("×"));
        String unit = v.spatialUnit().symbol();
        String time = d.length > 3 && s.length > 3 && s[3] > 0 ? ", TR " + number(s[3]) + (v.temporalUnit().symbol().isEmpty() ? ""
                : " " + v.temporalUnit().symbol()) : "";
        return "Volume " + dims + ", " + typeName(v.image().getType()) + ", " + sizes + (unit.isEmpty() ? "" : " " + unit)
                + time + ", " + AxisMapping.of(v.affine()).code();
    }

    /** "float32", "int16"... from the ImgLib2 type's class. */
    static String typeName(RealType<?> t) {
        String n = t.getClass().getSimpleName();
        return switch (n) {
            case "FloatType" -> "float32";
            case "DoubleType" -> "float64";
            case "ByteType" -> "int8";
            case "UnsignedByteType" -> "uint8";
            case "ShortType" -> "int16";
            case "UnsignedShortType" -> "uint16";
            case "IntType" -> "int32";
            case "UnsignedIntType" -> "uint32";
            case "LongType" -> "int64";
            case "UnsignedLongType" -> "uint64";
            default -> n;
        };
    }

    private static String shape(int[] s) {
        return Arrays.stream(s).mapToObj(Integer::toString).collect(Collectors.joining("×"));
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e9 ? Long.toString((long) x) : String.format(Locale.ROOT, "%.3g", x);
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
