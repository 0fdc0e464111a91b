package org.gyrus.io.nifti;

import static org.gyrus.io.nifti.HostileFiles.gzip;
import static org.gyrus.io.nifti.HostileFiles.nifti1;
import static org.gyrus.io.nifti.HostileFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.cell.CellImg;
import net.imglib2.type.numeric.RealType;

import org.gyrus.data.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File naming, compression variants and the cell-image path of {@link NiftiReader}. */
class NiftiReaderTest {

    static final Path DIR = NiftiParityTest.DIR;

    @TempDir
    Path dir;

    @Test
    void multiMemberGzipIsReadWhole() throws IOException {
        byte[] raw;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DIR.resolve("example4d.nii.gz")))) {
            raw = in.readAllBytes();
        }
        ByteArrayOutputStream cat = new ByteArrayOutputStream();
        int[] cuts = {0, 1000, 300_000, raw.length};
        for (int i = 0; i + 1 < cuts.length; i++) {
            cat.write(gzip(Arrays.copyOfRange(raw, cuts[i], cuts[i + 1])));
        }
        Path p = write(dir, "members.nii.gz", cat.toByteArray());
        assertArrayEquals(NiftiReader.read(DIR.resolve("example4d.nii.gz")).toFloatArray(), NiftiReader.read(p).toFloatArray());
        assertEquals(2, NiftiReader.readHeader(p).extensions().size());
    }

    @Test
    void upperCaseAndGzippedPairs() throws IOException {
        float[] expected = NiftiReader.read(DIR.resolve("functional.nii")).toFloatArray();
        Files.copy(DIR.resolve("functional.nii"), dir.resolve("FUNC.NII"));
        assertArrayEquals(expected, NiftiReader.read(dir.resolve("FUNC.NII")).toFloatArray());
        Files.copy(DIR.resolve("functional_pair.hdr"), dir.resolve("PAIR.HDR"));
        Files.copy(DIR.resolve("functional_pair.img"), dir.resolve("PAIR.IMG"));
        assertArrayEquals(expected, NiftiReader.read(dir.resolve("PAIR.HDR")).toFloatArray());
        Files.write(dir.resolve("gz.hdr"), Files.readAllBytes(DIR.resolve("functional_pair.hdr")));
        Files.write(dir.resolve("gz.img.gz"), gzip(Files.readAllBytes(DIR.resolve("functional_pair.img"))));
        assertArrayEquals(expected, NiftiReader.read(dir.resolve("gz.hdr")).toFloatArray());
        assertArrayEquals(expected, NiftiReader.read(dir.resolve("gz.img.gz")).toFloatArray());
        Files.write(dir.resolve("FUNC.NII.GZ"), gzip(Files.readAllBytes(DIR.resolve("functional.nii"))));
        assertArrayEquals(expected, NiftiReader.read(dir.resolve("FUNC.NII.GZ")).toFloatArray());
    }

    @Test
    void gzipIsDetectedFromContentNotName() throws IOException {
        Files.write(dir.resolve("liar.nii"), Files.readAllBytes(DIR.resolve("standard.nii.gz")));
        assertArrayEquals(NiftiReader.read(DIR.resolve("standard.nii.gz")).toFloatArray(),
                NiftiReader.read(dir.resolve("liar.nii")).toFloatArray());
    }

    @Test
    void cellImagesHoldTheSameVoxelsAsArrays() throws IOException {
        for (String f : new String[] {"example4d.nii.gz", "anatomical.nii", "functional.nii"}) {
            Volume array = NiftiReader.read(DIR.resolve(f));
            Volume cells = NiftiReader.read(DIR.resolve(f), NiftiReader.OutputType.NATIVE, 5000);
            assertInstanceOf(ArrayImg.class, array.image());
            assertInstanceOf(CellImg.class, cells.image());
            assertArrayEquals(array.toFloatArray(), cells.toFloatArray(), f);
        }
    }

    @Test
    void largeGzipStreamIntoCellsAcrossChunkBoundaries() throws IOException {
        int nx = 250;
        int ny = 250;
        int nz = 90; // 22.5 MB: inflated on a second thread, in chunks that do not align with the cells
        ByteBuffer h = nifti1(16, 32, nx, ny, nz);
        ByteBuffer data = ByteBuffer.allocate(nx * ny * nz * 4).order(h.order());
        for (int i = 0; i < nx * ny * nz; i++) {
            data.putFloat(i * 0.5f);
        }
        byte[] all = new byte[352 + data.capacity()];
        System.arraycopy(h.array(), 0, all, 0, 352);
        System.arraycopy(data.array(), 0, all, 352, data.capacity());
        Path p = write(dir, "big.nii.gz", gzip(all));
        Volume cells = NiftiReader.read(p, NiftiReader.OutputType.FLOAT32, 100_000);
        assertInstanceOf(CellImg.class, cells.image());
        RandomAccess<? extends RealType<?>> ra = cells.image().randomAccess();
        for (long i : new long[] {0, 62_499, 62_500, 1_048_575, 1_048_576, 1_048_577, (long) nx * ny * nz - 1}) {
            ra.setPosition(new long[] {i % nx, i / nx % ny, i / nx / ny});
            assertEquals(i * 0.5f, ra.get().getRealFloat(), "voxel " + i);
        }
        float[] flat = NiftiReader.read(p, NiftiReader.OutputType.FLOAT32).toFloatArray();
        assertArrayEquals(flat, cells.toFloatArray());
        // The same bytes uncompressed: memory-mapped and decoded on all cores.
        Path plain = write(dir, "big.nii", all);
        assertArrayEquals(flat, NiftiReader.read(plain).toFloatArray());
        assertArrayEquals(flat, NiftiReader.read(plain, NiftiReader.OutputType.FLOAT32, 100_000).toFloatArray());
    }

    @Test
    void rgbValuesSplitAcrossChunksAreReassembled() throws IOException {
        int nx = 128;
        int ny = 128;
        int nz = 100; // 4.9 MB of 3-byte voxels: chunk boundaries fall inside voxels
        ByteBuffer h = nifti1(128, 24, nx, ny, nz);
        byte[] all = new byte[352 + nx * ny * nz * 3];
        System.arraycopy(h.array(), 0, all, 0, 352);
        for (int v = 0; v < nx * ny * nz; v++) {
            all[352 + 3 * v] = (byte) v;
            all[352 + 3 * v + 1] = (byte) (v >> 8);
            all[352 + 3 * v + 2] = (byte) (v >> 16);
        }
        Path p = write(dir, "rgb.nii.gz", gzip(all));
        Volume vol = NiftiReader.read(p);
        assertArrayEquals(new long[] {nx, ny, nz, 1, 3}, vol.dimensions());
        RandomAccess<? extends RealType<?>> ra = vol.image().randomAccess();
        for (int v : new int[] {0, 1, 1398101, 1398102, nx * ny * nz - 1}) {
            for (int c = 0; c < 3; c++) {
                ra.setPosition(new long[] {v % nx, v / nx % ny, v / nx / ny, 0, c});
                assertEquals((v >> (8 * c)) & 0xff, (int) ra.get().getRealDouble(), "voxel " + v + " component " + c);
            }
        }
    }

    @Test
    void disagreeingQformAndSformAreReportedAndTheSformUsed() throws IOException {
        ByteBuffer h = nifti1(2, 8, 2, 2, 2);
        h.putShort(252, (short) 1).putShort(254, (short) 2);
        h.putFloat(268, 10f).putFloat(272, 20f).putFloat(276, 30f); // qform: identity rotation, offset (10, 20, 30)
        float[] srow = {2, 0, 0, -5, 0, 2, 0, -6, 0, 0, 2, -7};
        for (int i = 0; i < 12; i++) {
            h.putFloat(280 + 4 * i, srow[i]);
        }
        Path p = write(dir, "disagree.nii", HostileFiles.withData(h, 8));
        NiftiHeader header = NiftiReader.readHeader(p);
        assertEquals(1, header.warnings().size());
        assertTrue(header.warnings().get(0).contains("qform (code 1) and sform (code 2) disagree"), header.warnings().get(0));
        Volume v = NiftiReader.read(p);
        assertEquals(-5, v.affine().getRowColumn(0, 3));
        assertEquals(org.gyrus.data.XformCode.ALIGNED_ANAT, v.xformCode());
        assertTrue(v.metadata().get(NiftiMetadata.WARNING_PREFIX + "0").contains("disagree"));
        // Agreeing xforms give no warning.
        h.putFloat(268, -5f).putFloat(272, -6f).putFloat(276, -7f);
        for (int i = 1; i <= 3; i++) {
            h.putFloat(76 + 4 * i, 2f);
        }
        assertTrue(NiftiReader.readHeader(write(dir, "agree.nii", HostileFiles.withData(h, 8))).warnings().isEmpty());
    }
}
