import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.gyrus.data.Table;
import org.gyrus.data.Volume;
import org.gyrus.io.nifti.NiftiDatatype;
import org.gyrus.io.nifti.NiftiReader;
import org.gyrus.io.nifti.NiftiWriter;
import org.gyrus.io.table.CsvReader;

/**
 * Times Gyrus' NIfTI and CSV I/O on the peer benchmark files (shared/peers/gen_data.py), the same
 * cases nibabel is timed on by bench_peers.py W1 and nibabel_io.py: warm-up runs, then timed runs;
 * prints one JSON line per case (median, min, max in ms).
 *
 * Usage: java -cp ... IoBenchmark DATA_DIR CSV_FILE OUT_DIR [runs] [warmups]
 */
public final class IoBenchmark {

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path csv = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int warm = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        Files.createDirectories(out);
        Path v3 = data.resolve("vol3d_256.nii");
        Path v3gz = data.resolve("vol3d_256.nii.gz");
        Path f4 = data.resolve("fmri4d_64x64x36x200.nii.gz");
        time("load_3d_nii_float32", runs, warm, () -> NiftiReader.read(v3, NiftiReader.OutputType.FLOAT32));
        time("load_3d_niigz_float32", runs, warm, () -> NiftiReader.read(v3gz, NiftiReader.OutputType.FLOAT32));
        time("load_4d_int16_niigz_scaled_float32", runs, warm, () -> NiftiReader.read(f4, NiftiReader.OutputType.FLOAT32));
        Volume vol = NiftiReader.read(v3, NiftiReader.OutputType.FLOAT32);
        Volume fmri = NiftiReader.read(f4, NiftiReader.OutputType.FLOAT32);
        time("save_3d_nii_float32", runs, warm, () -> {
            NiftiWriter.nifti1().write(vol, out.resolve("w3d.nii"));
            return null;
        });
        time("save_3d_niigz_float32", runs, warm, () -> {
            NiftiWriter.nifti1().write(vol, out.resolve("w3d.nii.gz"));
            return null;
        });
        time("save_4d_niigz_int16_scaled", runs, warm, () -> {
            NiftiWriter.nifti1().datatype(NiftiDatatype.INT16).write(fmri, out.resolve("w4d.nii.gz"));
            return null;
        });
        if (Files.exists(csv)) {
            long bytes = Files.size(csv);
            double ms = time("read_csv_1M", Math.max(3, runs - 2), 1, () -> {
                Table t = CsvReader.csv().read(csv);
                if (t.rowCount() != 1_000_000) {
                    throw new IllegalStateException("rows " + t.rowCount());
                }
                return t;
            });
            System.out.printf(Locale.ROOT, "{\"case\": \"read_csv_1M_MBps\", \"MB_per_s\": %.1f, \"bytes\": %d}%n", bytes / 1e6 / (ms / 1e3), bytes);
        }
    }

    static double time(String name, int runs, int warm, Callable<?> task) throws Exception {
        for (int i = 0; i < warm; i++) {
            task.call();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            System.gc();
            long t0 = System.nanoTime();
            Object r = task.call();
            ms.add((System.nanoTime() - t0) / 1e6);
            if (r instanceof Volume v && v.voxelCount() == 0) {
                throw new IllegalStateException();
            }
        }
        double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = a[a.length / 2];
        System.out.printf(Locale.ROOT, "{\"case\": \"%s\", \"median_ms\": %.1f, \"min_ms\": %.1f, \"max_ms\": %.1f, \"runs_ms\": %s}%n",
                name, median, a[0], a[a.length - 1], Arrays.toString(ms.stream().mapToDouble(d -> Math.round(d * 10) / 10.0).toArray()));
        return median;
    }
}
