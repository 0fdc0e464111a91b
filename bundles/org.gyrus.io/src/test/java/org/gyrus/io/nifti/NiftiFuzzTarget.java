package org.gyrus.io.nifti;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fuzz target of the NIfTI header parser and reader, in the form Jazzer calls
 * ({@code fuzzerTestOneInput(byte[])}): the bytes are parsed as a header, then written to a file
 * and read whole. Refusing the input with a {@link NiftiFormatException} is the expected outcome for
 * garbage; anything else thrown (or a hang, or running out of memory), or a volume read with a
 * non-finite affine or voxel size, is a bug. No Jazzer type is
 * needed here, so {@link NiftiFuzzCorpusTest} replays the corpus as a plain unit test; see
 * {@code fuzz/run-jazzer.sh} for fuzzing.
 */
public final class NiftiFuzzTarget {

    private static Path file;
    /** Held so the setting sticks: the reader's warnings would otherwise flood the fuzzer's output. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger(NiftiReader.class.getName());

    static {
        QUIET.setLevel(java.util.logging.Level.OFF);
    }

    private NiftiFuzzTarget() {
    }

    /** One fuzzing input. */
    public static void fuzzerTestOneInput(byte[] data) {
        try {
            NiftiHeader h = NiftiHeaderCodec.parse(data, data.length, Path.of("fuzz.nii"), true);
            if (h.voxOffset() >= 0 && data.length > h.sizeofHdr()) {
                NiftiHeaderCodec.parseExtensions(java.util.Arrays.copyOfRange(data, h.sizeofHdr(), data.length),
                        data.length - h.sizeofHdr(), h.isBigEndian(), Path.of("fuzz.nii"));
            }
            h.bestAffine();
            h.qformAffine();
        } catch (NiftiFormatException expected) {
            // refused clearly: fine
        }
        try {
            Files.write(file(), data);
            NiftiReader.readHeader(file());
            org.gyrus.data.Volume v = NiftiReader.read(file(), NiftiReader.OutputType.NATIVE, 1 << 16);
            org.joml.Matrix4d a = v.affine();
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    if (!Double.isFinite(a.getRowColumn(r, c))) {
                        throw new AssertionError("a non-finite affine was read: " + a);
                    }
                }
            }
            for (double s : v.voxelSizes()) {
                if (!(s > 0 && Double.isFinite(s))) {
                    throw new AssertionError("a voxel size of " + s + " was read");
                }
            }
        } catch (NiftiFormatException expected) {
            // refused clearly: fine
        } catch (IOException e) {
            throw new UncheckedIOException("not a NiftiFormatException", e);
        }
    }

    private static Path file() throws IOException {
        if (file == null) {
            Path dir = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
            file = Files.createTempFile(dir, "gyrus-fuzz-", ".nii");
            file.toFile().deleteOnExit();
        }
        return file;
    }
}
