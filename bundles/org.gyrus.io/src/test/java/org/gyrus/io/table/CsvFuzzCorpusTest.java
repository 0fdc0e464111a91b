package org.gyrus.io.table;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the CSV fuzzing corpus (testdata/fuzz/csv: the seeds of fuzz/csv-seeds.py, the corpus
 * Jazzer kept, inputs that found bugs) through {@link CsvFuzzTarget}, then 300 seeded mutations of
 * each seed — bytes
 * flipped, quotes, delimiters, line breaks and non-ASCII bytes inserted, cuts and repeats — so that
 * every build fuzzes a little, reproducibly.
 */
@Timeout(30)
class CsvFuzzCorpusTest {

    private static final byte[] INTERESTING = {'"', ',', '\t', ';', '\n', '\r', ' ', 'N', 'A', '-', '.', 'e', '0', '9', 0,
        (byte) 0x80, (byte) 0xc3, (byte) 0xa9, (byte) 0xe2, (byte) 0xef, (byte) 0xbb, (byte) 0xbf, (byte) 0xff, (byte) 0xfe,
        (byte) 0xed, (byte) 0xf4};

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("testdata/fuzz/csv"))) {
            List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
            assertTrue(files.size() >= 30, "the corpus is there");
            return files.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void inputIsReadOrRefusedClearly(Path input) throws IOException {
        CsvFuzzTarget.fuzzerTestOneInput(Files.readAllBytes(input));
    }

    static Stream<Path> seeds() throws IOException {
        return corpus().filter(p -> p.getFileName().toString().startsWith("seed-"));
    }

    @ParameterizedTest(name = "mutations of {0}")
    @MethodSource("seeds")
    void mutationsAreReadOrRefusedClearly(Path input) throws IOException {
        byte[] seed = Files.readAllBytes(input);
        SplittableRandom r = new SplittableRandom(input.getFileName().toString().hashCode());
        for (int i = 0; i < 300; i++) {
            byte[] m = mutate(seed, r);
            try {
                CsvFuzzTarget.fuzzerTestOneInput(m);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("mutation " + i + " of " + input.getFileName() + " " + Arrays.toString(m), e);
            }
        }
    }

    private static byte[] mutate(byte[] seed, SplittableRandom r) {
        byte[] b = seed.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            switch (r.nextInt(5)) {
                case 0 -> {
                    if (at < b.length) {
                        b[at] = (byte) r.nextInt(256);
                    }
                }
                case 1 -> {
                    byte[] out = new byte[b.length + 1];
                    System.arraycopy(b, 0, out, 0, at);
                    out[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                    System.arraycopy(b, at, out, at + 1, b.length - at);
                    b = out;
                }
                case 2 -> b = Arrays.copyOf(b, at); // cut
                case 3 -> {
                    if (at < b.length) {
                        byte[] out = new byte[b.length - 1];
                        System.arraycopy(b, 0, out, 0, at);
                        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
                        b = out;
                    }
                }
                default -> {
                    int len = Math.min(b.length - Math.min(at, b.length), 1 + r.nextInt(16));
                    byte[] out = new byte[b.length + len];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at, out, at, len); // repeat a run
                    System.arraycopy(b, at, out, at + len, b.length - at);
                    b = out;
                }
            }
        }
        return b;
    }
}
