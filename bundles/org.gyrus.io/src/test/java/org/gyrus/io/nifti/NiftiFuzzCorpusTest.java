package org.gyrus.io.nifti;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays the fuzzing corpus (testdata/fuzz/nifti: seeds and what Jazzer found interesting) as regression tests. */
@Timeout(10)
class NiftiFuzzCorpusTest {

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("testdata/fuzz/nifti"))) {
            List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
            return files.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void inputIsReadOrRefusedClearly(Path input) throws IOException {
        NiftiFuzzTarget.fuzzerTestOneInput(Files.readAllBytes(input));
    }
}
