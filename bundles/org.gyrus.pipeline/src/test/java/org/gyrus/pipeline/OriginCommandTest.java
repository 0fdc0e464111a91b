package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.data.Chart;
import org.gyrus.data.PngText;
import org.gyrus.pipeline.internal.OriginCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gyrus origin}: a figure's pipeline and values, printed and saved to rerun. */
class OriginCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int origin(String... args) {
        return new OriginCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheValuesAndSavesAPipelineThatRepeatsTheRun() throws Exception {
        Pipeline p = Pipeline.named("paper").withVariable(new Pipeline.Variable("fwhm", Pipeline.VariableType.NUMBER, 4, ""))
                .withVariable(new Pipeline.Variable("subject", Pipeline.VariableType.STRING, "sub-00", ""));
        byte[] png = new Chart("t", "x", "y").line("a", new double[] {0, 1}, new double[] {0, 1}).toPng();
        Path fig = Files.write(dir.resolve("fig.png"), PngText.withText(png, PipelineOrigin.PNG_KEYWORD,
                PipelineOrigin.of(p, Map.of("fwhm", 6.0, "subject", "sub-09")).toJson()));
        Path saved = dir.resolve("again.gyrus.json");
        assertEquals(0, origin(fig.toString(), "--save", saved.toString()), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("made by the pipeline 'paper'"), text);
        assertTrue(text.contains("  fwhm = 6.0\n  subject = sub-09\n"), text);
        Pipeline back = PipelineFile.read(saved);
        assertEquals(6.0, back.variable("fwhm").orElseThrow().defaultValue());
        assertEquals("sub-09", back.variable("subject").orElseThrow().defaultValue());
        // The saved file is never replaced; a stray file says nothing leads back.
        assertEquals(2, origin(fig.toString(), "--save", saved.toString()));
        assertTrue(err.toString().contains("exists; it is not replaced"));
        Path stray = Files.writeString(dir.resolve("x.txt"), "x");
        assertEquals(3, origin(stray.toString()));
        assertTrue(err.toString().contains("Nothing leads back from"), err.toString());
        assertEquals(2, origin());
    }
}
