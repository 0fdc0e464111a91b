package org.gyrus.integration.tests;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Samples the CPU time of every Java thread every few milliseconds while open, so that the CPU a
 * thread used is known even if it ends before the sampling does. The sampling thread and the thread
 * that opened the sampler (which only waits) are left out. (The pipeline bundle's unit tests have
 * the same helper: test bundles cannot share test code.)
 */
final class CpuSampler implements AutoCloseable {

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    /** Per thread id: CPU time when first seen (0 for threads started after opening), and when last seen. */
    private final Map<Long, long[]> firstAndLast = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final long opener = Thread.currentThread().getId();
    private final Thread sampler;
    private volatile boolean stop;

    CpuSampler() {
        mx.setThreadCpuTimeEnabled(true);
        for (long id : mx.getAllThreadIds()) {
            long t = mx.getThreadCpuTime(id);
            if (t >= 0) {
                firstAndLast.put(id, new long[] {t, t});
            }
        }
        sampler = new Thread(() -> {
            while (!stop) {
                sample();
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private synchronized void sample() {
        for (long id : mx.getAllThreadIds()) {
            long t = mx.getThreadCpuTime(id);
            if (t >= 0) {
                firstAndLast.computeIfAbsent(id, k -> new long[] {0, t})[1] = t;
                if (!names.containsKey(id)) {
                    var info = mx.getThreadInfo(id);
                    names.put(id, info == null ? "#" + id : info.getThreadName());
                }
            }
        }
    }

    /** CPU nanoseconds used while sampled by each thread that used any, by "name#id", busiest first. */
    synchronized Map<String, Long> cpuByThread() {
        sample();
        Map<String, Long> out = new LinkedHashMap<>();
        firstAndLast.entrySet().stream()
                .filter(e -> e.getKey() != opener && e.getKey() != sampler.getId())
                .filter(e -> e.getValue()[1] > e.getValue()[0])
                .sorted((x, y) -> Long.compare(y.getValue()[1] - y.getValue()[0], x.getValue()[1] - x.getValue()[0]))
                .forEach(e -> out.put(names.getOrDefault(e.getKey(), "") + "#" + e.getKey(), e.getValue()[1] - e.getValue()[0]));
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        sampler.join();
    }
}
