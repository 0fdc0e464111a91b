package org.gyrus.io.nifti;

import static org.gyrus.io.nifti.HostileFiles.gzip;
import static org.gyrus.io.nifti.HostileFiles.nifti1;
import static org.gyrus.io.nifti.HostileFiles.nifti2;
import static org.gyrus.io.nifti.HostileFiles.withData;
import static org.gyrus.io.nifti.HostileFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and malicious files: each must fail fast with a {@link NiftiFormatException} that names
 * the file and the field — never hang, never run out of memory, never an unexplained exception.
 */
@Timeout(10)
class NiftiHostileInputTest {

    @TempDir
    Path dir;

    private NiftiFormatException refused(Path file, String field, String... phrases) {
        NiftiFormatException e = assertThrows(NiftiFormatException.class, () -> NiftiReader.read(file));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        for (String p : phrases) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void emptyFile() throws IOException {
        refused(write(dir, "empty.nii", new byte[0]), "sizeof_hdr", "truncated header");
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] full = nifti1(16, 32, 2, 2, 2).array();
        refused(write(dir, "short.nii", Arrays.copyOf(full, 200)), "header", "truncated header", "200 bytes");
        refused(write(dir, "short.nii.gz", gzip(Arrays.copyOf(full, 100))), "header", "truncated header");
        byte[] two = nifti2(16, 32, 2, 2, 2).array();
        refused(write(dir, "short2.nii", Arrays.copyOf(two, 400)), "header", "NIfTI-2 header needs 540");
    }

    @Test
    void truncatedData() throws IOException {
        byte[] bytes = withData(nifti1(16, 32, 4, 4, 4), 4 * 64 - 10);
        refused(write(dir, "cut.nii", bytes), "data", "truncated data", "256 bytes");
        refused(write(dir, "cut.nii.gz", gzip(bytes)), "data", "truncated data");
    }

    @Test
    void truncatedDataOfALargeGzipStream() throws IOException {
        // Large enough for the two-thread inflate path.
        byte[] bytes = withData(nifti1(16, 32, 256, 256, 64), 256 * 256 * 60 * 4);
        refused(write(dir, "cutbig.nii.gz", gzip(bytes)), "data", "truncated data");
    }

    @Test
    void corruptGzip() throws IOException {
        byte[] gz = gzip(withData(nifti1(16, 32, 16, 16, 16), 16 * 16 * 16 * 4));
        byte[] bad = gz.clone();
        for (int i = 40; i < bad.length - 20; i += 7) {
            bad[i] ^= (byte) 0x5a;
        }
        refused(write(dir, "corrupt.nii.gz", bad), "gzip stream", "corrupt gzip");
        refused(write(dir, "cutgz.nii.gz", Arrays.copyOf(gz, gz.length / 2)), "gzip stream", "truncated gzip");
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 6] ^= 1; // the CRC32 in the trailer
        refused(write(dir, "crc.nii.gz", badCrc), "gzip stream");
    }

    @Test
    void zeroNegativeAndAbsurdDimensions() throws IOException {
        refused(write(dir, "zero.nii", withData(nifti1(16, 32, 4, 0, 4), 64)), "dim[2]", "size 0");
        refused(write(dir, "neg.nii", withData(nifti1(16, 32, -4, 4, 4), 64)), "dim[1]", "size -4");
        ByteBuffer rank = nifti1(16, 32, 4, 4, 4);
        rank.putShort(40, (short) 9);
        refused(write(dir, "rank.nii", withData(rank, 256)), "dim[0]", "1 to 7");
        ByteBuffer none = nifti1(16, 32, 4, 4, 4);
        none.putShort(40, (short) 0);
        refused(write(dir, "rank0.nii", withData(none, 256)), "dim[0]");
        refused(write(dir, "six.nii", withData(nifti1(16, 32, 2, 2, 2, 2, 2, 2), 256)), "dim[6]", "at most 5");
    }

    @Test
    void dimensionProductOverflows() throws IOException {
        long big = 1L << 40;
        refused(write(dir, "overflow.nii", withData(nifti2(16, 32, big, big, 4), 64)), "dim", "overflows");
        refused(write(dir, "overflow-bytes.nii", withData(nifti2(64, 64, 1L << 31, 1L << 31, 1L << 0), 64)), "dim");
    }

    @Test
    void dimensionsExceedingMemory() throws IOException {
        // 2^45 float32 values in a tiny gzip file: the size cannot be checked before inflating.
        refused(write(dir, "huge.nii.gz", gzip(withData(nifti2(16, 32, 1L << 15, 1L << 15, 1L << 15), 64))), "dim",
                "available");
        refused(write(dir, "huge1.nii.gz", gzip(withData(nifti1(16, 32, 32767, 32767, 32767), 64))), "dim", "available");
    }

    @Test
    void smallGzipClaimingALargeImageIsRefusedBeforeAllocating() throws IOException {
        // 64 Mi voxels of float32 (256 MiB) fit in memory, but a few hundred bytes of deflate cannot hold them.
        refused(write(dir, "liar.nii.gz", gzip(withData(nifti1(16, 32, 512, 512, 256), 64))), "data", "cannot inflate");
    }

    @Test
    void bitpixNotMatchingDatatype() throws IOException {
        refused(write(dir, "bitpix.nii", withData(nifti1(16, 16, 4, 4, 4), 256)), "bitpix", "float32", "32");
    }

    @Test
    void voxOffsetPastEndOfFile() throws IOException {
        ByteBuffer h = nifti1(2, 8, 4, 4, 4);
        h.putFloat(108, 1_000_000f);
        refused(write(dir, "offset.nii", withData(h, 64)), "vox_offset", "past the end");
        refused(write(dir, "offset.nii.gz", gzip(withData(h, 64))), "data", "truncated");
        ByteBuffer nan = nifti1(2, 8, 4, 4, 4);
        nan.putFloat(108, Float.NaN);
        refused(write(dir, "nan.nii", withData(nan, 64)), "vox_offset");
        ByteBuffer neg = nifti1(2, 8, 4, 4, 4);
        neg.putFloat(108, -16f);
        refused(write(dir, "neg.nii", withData(neg, 64)), "vox_offset", "non-negative");
    }

    @Test
    void unknownAndUnsupportedDatatypes() throws IOException {
        refused(write(dir, "dt999.nii", withData(nifti1(999, 8, 4, 4, 4), 64)), "datatype", "999");
        refused(write(dir, "binary.nii", withData(nifti1(1, 1, 8, 8, 1), 8)), "datatype", "DT_BINARY");
        refused(write(dir, "f128.nii", withData(nifti1(1536, 128, 2, 2, 2), 128)), "datatype", "FLOAT128");
        refused(write(dir, "dt0.nii", withData(nifti1(0, 0, 2, 2, 2), 128)), "datatype", "DT_UNKNOWN");
    }

    @Test
    void extensionRunningPastVoxOffset() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(384).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.put(nifti1(2, 8, 4, 4, 4).array());
        h.putFloat(108, 384f);
        h.put(348, (byte) 1);
        h.putInt(352, 64); // esize 64 but only 32 bytes up to vox_offset
        h.putInt(356, 6);
        refused(write(dir, "ext.nii", withData(h, 64)), "extension 0 esize", "runs past vox_offset");
        h.putInt(352, 0); // esize 0 would loop for ever
        refused(write(dir, "ext0.nii", withData(h, 64)), "extension 0 esize", "at least 16");
        h.putInt(352, -32);
        refused(write(dir, "extneg.nii", withData(h, 64)), "extension 0 esize");
    }

    @Test
    void absurdVoxOffsetWithExtensionsDoesNotAllocateIt() throws IOException {
        ByteBuffer h = nifti1(2, 8, 4, 4, 4);
        h.putFloat(108, 3e9f);
        h.put(348, (byte) 1);
        refused(write(dir, "bigext.nii", withData(h, 64)), "vox_offset", "implausible");
    }

    @Test
    void wrongMagic() throws IOException {
        ByteBuffer h = nifti1(2, 8, 4, 4, 4);
        h.put(344, (byte) 'x');
        refused(write(dir, "magic.nii", withData(h, 64)), "magic", "n+1");
        ByteBuffer h2 = nifti2(2, 8, 4, 4, 4);
        h2.put(9, (byte) 0);
        refused(write(dir, "magic2.nii", withData(h2, 64)), "magic", "NIfTI-2");
    }

    @Test
    void missingHalfOfAPair() throws IOException {
        ByteBuffer h = nifti1(2, 8, 4, 4, 4);
        h.put(345, (byte) 'i');
        Path hdr = write(dir, "lonely.hdr", Arrays.copyOf(h.array(), 348));
        refused(hdr, "file", "lonely.img");
    }

    @Test
    void invalidInterceptWithAValidSlopeIsRefusedAsNibabelDoes() throws IOException {
        ByteBuffer h = nifti1(4, 16, 2, 2, 2);
        h.putFloat(112, 2f);
        h.putFloat(116, Float.NaN);
        Path p = write(dir, "inter.nii", withData(h, 16));
        // nibabel 5: "Valid slope but invalid intercept nan" (see testdata/nifti-geometry for more cases).
        refused(p, "scl_inter", "scl_slope is 2.0", "NaN");
        NiftiFormatException e = assertThrows(NiftiFormatException.class, () -> NiftiReader.readHeader(p));
        assertEquals("scl_inter", e.field());
        h.putFloat(112, 0f); // no valid slope: unscaled, the intercept does not matter
        Path q = write(dir, "inter0.nii", withData(h, 16));
        assertEquals(0.0, NiftiReader.readHeader(q).intercept());
        assertTrue(Files.exists(q));
    }
}
