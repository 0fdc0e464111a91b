package org.gyrus.workbench.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.gyrus.data.Chart;
import org.gyrus.data.PngText;
import org.gyrus.pipeline.OriginFinder;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dropped figure opens the pipeline with the values that drew it; a stray file says why not. */
class OriginDropTest {

    @TempDir
    Path dir;

    @Test
    void aDroppedFigureOpensItsPipelineWithItsValues() throws Exception {
        Pipeline p = Pipeline.named("paper").withVariable(new Pipeline.Variable("subject", Pipeline.VariableType.STRING, "x", ""));
        byte[] png = new Chart("t", "x", "y").line("a", new double[] {0, 1}, new double[] {0, 1}).toPng();
        Path fig = Files.write(dir.resolve("figure2.png"), PngText.withText(png, PipelineOrigin.PNG_KEYWORD,
                PipelineOrigin.of(p, Map.of("subject", "sub-11")).toJson()));
        AtomicReference<PipelineOrigin> opened = new AtomicReference<>();
        AtomicReference<String> problem = new AtomicReference<>();
        OriginFinder finder = new OriginFinder(List.of());
        OriginDrop.dropped(new String[] {fig.toString()}, finder, opened::set, problem::set);
        assertEquals("sub-11", opened.get().pipelineWithValues().variable("subject").orElseThrow().defaultValue());
        assertNull(problem.get());

        Path stray = Files.writeString(dir.resolve("notes.txt"), "x");
        opened.set(null);
        OriginDrop.dropped(new String[] {stray.toString()}, finder, opened::set, problem::set);
        assertNull(opened.get());
        assertTrue(problem.get().startsWith("Cannot open the pipeline of " + stray), problem.get());

        Display display = Display.getDefault();
        Shell shell = new Shell(display);
        try {
            DropTarget t = OriginDrop.install(shell, OriginDrop.finder(), opened::set, problem::set);
            assertEquals(FileTransfer.getInstance(), t.getTransfer()[0]);
        } finally {
            shell.dispose();
        }
    }
}
