package org.gyrus.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the pipeline-loader fuzzing corpus (testdata/fuzz/pipeline: the seeds from
 * fuzz/make-seeds.py and what Jazzer found interesting) as regression tests.
 */
@Timeout(10)
class PipelineFuzzCorpusTest {

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("testdata/fuzz/pipeline"))) {
            List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
            return files.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void inputIsLoadedOrRefusedClearly(Path input) throws IOException {
        PipelineFuzzTarget.fuzzerTestOneInput(Files.readAllBytes(input));
    }
}
