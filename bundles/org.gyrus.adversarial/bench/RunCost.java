package org.gyrus.adversarial.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a timed run cost besides wall time, as a difference of two readings: CPU time of the whole
 * process (every thread, the JIT compilers' and the collector's included), bytes allocated by all
 * live threads, garbage collections with their time, and the process's minor page faults (first
 * touches of memory: in a virtual machine each can cost microseconds). On a machine shared with
 * other work the wall time is noise; these tell a slow run's cause.
 *
 * @param cpuNanos    process CPU time
 * @param allocated   bytes allocated by the live threads
 * @param collections garbage collections
 * @param gcMillis    time in garbage collections
 * @param pageFaults  minor page faults of the process (Linux; 0 elsewhere)
 */
record RunCost(long cpuNanos, long allocated, long collections, long gcMillis, long pageFaults) {

    /** A reading now. */
    static RunCost now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long bytes = 0;
        for (long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            bytes += Math.max(0, b);
        }
        long n = 0;
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
            ms += Math.max(0, gc.getCollectionTime());
        }
        return new RunCost(os.getProcessCpuTime(), bytes, n, ms, minorFaults());
    }

    /** Field 10 of /proc/self/stat, counted after the command name (which may hold spaces). */
    private static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** This reading less an earlier one. */
    RunCost minus(RunCost earlier) {
        return new RunCost(cpuNanos - earlier.cpuNanos, allocated - earlier.allocated, collections - earlier.collections,
                gcMillis - earlier.gcMillis,
                pageFaults - earlier.pageFaults);
    }

    double cpuSeconds() {
        return cpuNanos / 1e9;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f ms process CPU, %.1f MB allocated, %d GC (%d ms), %d page faults", cpuNanos / 1e6,
                allocated / 1e6, collections, gcMillis, pageFaults);
    }
}
