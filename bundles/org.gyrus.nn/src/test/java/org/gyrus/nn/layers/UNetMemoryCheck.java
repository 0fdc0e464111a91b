package org.gyrus.nn.layers;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.gyrus.nn.Losses;
import org.gyrus.nn.Tensor;
import org.gyrus.nn.optim.Adam;

/**
 * Trains the U-Net (3 levels, 32-64-128 channels, attention at 16x16, timesteps) on a batch
 * of 16 single-channel 64x64 images for a few Adam steps of the denoising objective, and prints
 * one line of JSON with the heap figures: the JVM's maximum heap, the peak use of the heap pools,
 * and the heap in use after a full GC following each step. Run in its own JVM with the heap limit
 * under test ({@link UNetMemoryTest} uses -Xmx2g).
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx2g -cp ... org.gyrus.nn.layers.UNetMemoryCheck [steps]</pre>
 */
public final class UNetMemoryCheck {

    private UNetMemoryCheck() {
    }

    static long usedAfterGc() {
        System.gc();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int batch = 16;
        int size = 64;
        Random random = new Random(1);
        UNet net = new UNet(new UNet.Config(2, 1, 1, new int[] {32, 64, 128}, new int[] {2}, true, 4, 8, true, 0f), random);
        Adam opt = new Adam(net.parameters(), 1e-3);
        // Smooth images (blobs) with noise added at random timesteps: the DDPM objective.
        Tensor clean = Tensor.rand(random, batch, 1, size / 8, size / 8).interpolate(new int[] {size, size}, true, false, null);
        Tensor noise = Tensor.randn(random, batch, 1, size, size);
        float[] t = new float[batch];
        for (int i = 0; i < batch; i++) {
            t[i] = random.nextInt(1000);
        }
        Tensor timesteps = Tensor.wrap(t, batch);
        Tensor noisy = clean.mul(0.8f).add(noise.mul(0.6f));
        List<String> afterGc = new ArrayList<>();
        List<String> losses = new ArrayList<>();
        List<String> seconds = new ArrayList<>();
        long before = usedAfterGc();
        for (int s = 0; s < steps; s++) {
            long t0 = System.nanoTime();
            Tensor loss = Losses.mse(net.forward(noisy, timesteps), noise);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            seconds.add(String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
            losses.add(String.format(Locale.ROOT, "%.6f", loss.item()));
            afterGc.add(String.format(Locale.ROOT, "%.1f", usedAfterGc() / 1e6));
        }
        System.out.printf(Locale.ROOT, "{\"max_heap_mb\": %.1f, \"peak_heap_mb\": %.1f, \"before_training_mb\": %.1f, "
                        + "\"after_gc_per_step_mb\": [%s], \"loss_per_step\": [%s], \"seconds_per_step\": [%s], "
                        + "\"parameters\": %d, \"batch\": [%d, 1, %d, %d]}%n",
                Runtime.getRuntime().maxMemory() / 1e6, peakHeap() / 1e6, before / 1e6, String.join(", ", afterGc),
                String.join(", ", losses), String.join(", ", seconds), net.parameterCount(), batch, size, size);
    }
}
