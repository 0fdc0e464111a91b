package org.gyrus.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Samples the CPU time of every Java thread every few milliseconds while open, so that the CPU a
 * thread used is known even if it ends before the sampling does. The sampling thread and the thread
 * that opened the sampler (which only waits) are left out.
 */
final class CpuSampler implements AutoCloseable {

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    /** Per thread id: CPU time when first seen (0 for threads started after opening), and when last seen. */
    private final Map<Long, long[]> firstAndLast = new HashMap<>();
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
            }
        }
    }

    /** Threads (by id) that used more than {@code nanos} of CPU while sampled. */
    synchronized Set<Long> busyThreads(long nanos) {
        sample();
        return firstAndLast.entrySet().stream()
                .filter(e -> e.getKey() != opener && e.getKey() != sampler.getId())
                .filter(e -> e.getValue()[1] - e.getValue()[0] > nanos)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        sampler.join();
    }
}
