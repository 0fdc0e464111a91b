package org.gyrus.nn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Work split under a budget never runs on more threads at once than the budget allows, and does use them. */
class ThreadBudgetTest {

    @Test
    void aBudgetOfOneRunsEveryPartOnTheCaller() throws Exception {
        try (ThreadBudget budget = new ThreadBudget(1)) {
            Set<Thread> ran = ConcurrentHashMap.newKeySet();
            Thread caller = budget.call(() -> {
                assertEquals(1, Parallel.threads());
                Parallel.forParts(16, p -> ran.add(Thread.currentThread()));
                Parallel.forRange(1000, 1, (a, b) -> ran.add(Thread.currentThread()));
                return Thread.currentThread();
            });
            assertEquals(Set.of(caller), ran);
            assertEquals(1, budget.peakThreads());
        }
    }

    @Test
    void aBudgetOfTwoLendsASecondThread() throws Exception {
        try (ThreadBudget budget = new ThreadBudget(2)) {
            Set<Thread> ran = ConcurrentHashMap.newKeySet();
            // Each of the two parts waits for the other: only two threads at once can get past the barrier.
            CyclicBarrier both = new CyclicBarrier(2);
            budget.call(() -> {
                Parallel.forParts(2, p -> {
                    ran.add(Thread.currentThread());
                    try {
                        both.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                return null;
            });
            assertEquals(2, ran.size());
            assertEquals(2, budget.peakThreads());
        }
    }

    @Test
    void callersSharingABudgetNeverComputeOnMoreThreadsThanIt() throws Exception {
        try (ThreadBudget budget = new ThreadBudget(2)) {
            AtomicInteger active = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            Set<Thread> ran = ConcurrentHashMap.newKeySet();
            Runnable branch = () -> {
                for (int round = 0; round < 20; round++) {
                    Parallel.forParts(8, p -> {
                        most.accumulateAndGet(active.incrementAndGet(), Math::max);
                        ran.add(Thread.currentThread());
                        spin(200_000);
                        active.decrementAndGet();
                    });
                }
            };
            Thread[] callers = new Thread[3];
            for (int i = 0; i < callers.length; i++) {
                callers[i] = new Thread(() -> {
                    try {
                        budget.run(branch);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                callers[i].start();
            }
            for (Thread t : callers) {
                t.join();
            }
            assertTrue(most.get() <= 2, "at most 2 parts ran at once, saw " + most.get());
            assertTrue(budget.peakThreads() <= 2, "peak " + budget.peakThreads());
            assertTrue(ran.size() >= 2, "the work used the budget's threads: " + ran);
        }
    }

    @Test
    void theBoundBudgetIsRestoredAfterACall() throws Exception {
        ThreadBudget outside = Parallel.budget();
        try (ThreadBudget a = new ThreadBudget(3); ThreadBudget b = new ThreadBudget(1)) {
            a.call(() -> {
                assertSame(a, Parallel.budget());
                b.call(() -> {
                    assertSame(b, Parallel.budget());
                    assertEquals(1, Parallel.threads());
                    return null;
                });
                assertSame(a, Parallel.budget());
                return a.call(() -> null); // re-entering the same budget needs no second permit
            });
        }
        assertSame(outside, Parallel.budget());
    }

    @Test
    void aFailingPartFailsTheCallAndTheOthersStillEnd() throws Exception {
        try (ThreadBudget budget = new ThreadBudget(2)) {
            AtomicInteger ran = new AtomicInteger();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> budget.call(() -> {
                Parallel.forParts(6, p -> {
                    ran.incrementAndGet();
                    if (p == 3) {
                        throw new IllegalStateException("part 3 failed");
                    }
                });
                return null;
            }));
            assertEquals("part 3 failed", e.getMessage());
            // The permits came back: both threads are free again.
            assertEquals(2, budget.call(() -> Parallel.threads()));
        }
    }

    @Test
    void gemmUsesBothThreadsOfABudgetOfTwoAndGivesTheSerialResult() throws Exception {
        int n = 384;
        Random r = new Random(1);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat() - 0.5f;
            b[i] = r.nextFloat() - 0.5f;
        }
        float[] serial = new float[n * n];
        float[] split = new float[n * n];
        try (ThreadBudget one = new ThreadBudget(1); ThreadBudget two = new ThreadBudget(2)) {
            one.call(() -> {
                Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, serial, 0, n);
                return null;
            });
            two.call(() -> {
                Gemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, split, 0, n);
                return null;
            });
            assertEquals(1, one.peakThreads());
            assertEquals(2, two.peakThreads(), "the product was split over the budget's two threads");
        }
        assertArrayEquals(serial, split);
    }

    private static double sink;

    private static void spin(int n) {
        double x = 0;
        for (int i = 0; i < n; i++) {
            x += Math.sqrt(i);
        }
        sink += x;
    }
}
