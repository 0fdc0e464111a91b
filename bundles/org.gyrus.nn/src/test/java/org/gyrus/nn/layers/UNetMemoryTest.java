package org.gyrus.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The memory target: training a 3-level U-Net (32-64-128 channels) on 64x64 images in
 * batches of 16 fits in a 2 GB heap. Runs {@link UNetMemoryCheck} in a child JVM with -Xmx2g (an
 * OutOfMemoryError there fails the test), and checks that the heap in use after each step does not
 * grow once the first steps have sized the per-thread workspaces (backward releases the graph: a
 * graph kept alive would add its activations, hundreds of MB, at every step) and that training
 * makes progress.
 */
class UNetMemoryTest {

    @Test
    void threeLevelUNetTrainsInTwoGigabytes() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), UNetMemoryCheck.class.getName(), "5");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "memory check did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "training in -Xmx2g failed:\n" + text);
        String json = text.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        System.out.println("UNet memory (2 GB heap): " + json);
        JsonNode r = new ObjectMapper().readTree(json);
        assertTrue(r.get("max_heap_mb").asDouble() <= 2200, "child heap limit: " + r.get("max_heap_mb"));
        JsonNode gc = r.get("after_gc_per_step_mb");
        // Steps 1-3 may still grow the workspaces of threads that first took part (seen: +12 MB from
        // step 2 to 3 under load); from step 3 on the heap after GC must stay level.
        assertTrue(gc.get(4).asDouble() <= gc.get(2).asDouble() + 10, "heap after GC grows from step to step: " + gc);
        JsonNode loss = r.get("loss_per_step");
        assertTrue(loss.get(2).asDouble() < loss.get(0).asDouble(), "training makes no progress: " + loss);
    }
}
