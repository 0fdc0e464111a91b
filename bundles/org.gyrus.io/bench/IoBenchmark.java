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
 * Times Gyrus' NIfTI and CSV I/O on the peer benchmark files (bench/peers/gen_data.py), the same
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

    /** Below this share of the machine used by other processes a run counts as undisturbed (as bench_peers.py). */
    static final double NOISY = 0.20;

    static double time(String name, int runs, int warm, Callable<?> task) throws Exception {
        for (int i = 0; i < warm; i++) {
            task.call();
        }
        waitForQuiet();
        List<Double> ms = new ArrayList<>();
        List<Double> foreign = new ArrayList<>();
        int discarded = 0;
        while (ms.size() < runs) {
            System.gc();
            long[] c0 = cpu();
            long s0 = selfTicks();
            long t0 = System.nanoTime();
            Object r = task.call();
            double t = (System.nanoTime() - t0) / 1e6;
            long[] c1 = cpu();
            long s1 = selfTicks();
            double total = c1[1] - c0[1];
            double other = total <= 0 ? 0 : Math.max(0, (c1[0] - c0[0]) - (s1 - s0)) / total;
            if (r instanceof Volume v && v.voxelCount() == 0) {
                throw new IllegalStateException();
            }
            if (other > NOISY && discarded < 5 && total >= 5) {
                discarded++;
                waitForQuiet();
                continue;
            }
            ms.add(t);
            foreign.add(other);
        }
        double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = a[a.length / 2];
        System.out.printf(Locale.ROOT, "{\"case\": \"%s\", \"median_ms\": %.1f, \"min_ms\": %.1f, \"max_ms\": %.1f, \"runs_ms\": %s, "
                + "\"foreign_cpu_max\": %.2f, \"discarded\": %d}%n",
                name, median, a[0], a[a.length - 1], Arrays.toString(ms.stream().mapToDouble(d -> Math.round(d * 10) / 10.0).toArray()),
                foreign.stream().mapToDouble(Double::doubleValue).max().orElse(0), discarded);
        return median;
    }

    /** Waits (at most 60 s) until other processes use under 10 % of the machine over a second. */
    static void waitForQuiet() throws Exception {
        for (int i = 0; i < 60; i++) {
            long[] c0 = cpu();
            long s0 = selfTicks();
            Thread.sleep(1000);
            long[] c1 = cpu();
            long s1 = selfTicks();
            double total = c1[1] - c0[1];
            if (total <= 0 || ((c1[0] - c0[0]) - (s1 - s0)) / total < 0.10) {
                return;
            }
        }
    }

    /** {busy, total} clock ticks of the whole machine from /proc/stat (steal counted as busy). */
    static long[] cpu() throws Exception {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long user = Long.parseLong(f[1]), nice = Long.parseLong(f[2]), sys = Long.parseLong(f[3]), idle = Long.parseLong(f[4]);
        long iowait = Long.parseLong(f[5]), irq = Long.parseLong(f[6]), softirq = Long.parseLong(f[7]);
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        long busy = user + nice + sys + irq + softirq + steal;
        return new long[] {busy, busy + idle + iowait};
    }

    /** This process's user + system clock ticks from /proc/self/stat. */
    static long selfTicks() throws Exception {
        String s = Files.readString(Path.of("/proc/self/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
