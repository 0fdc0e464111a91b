package org.gyrus.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.gyrus.io.bids.BidsReader;
import org.gyrus.io.info.VolumeInfo;
import org.gyrus.io.nifti.NiftiReader;
import org.gyrus.io.table.CsvReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not readable regular files, given to every reader of the bundle: each is refused
 * at once with a message naming the file and what is wrong — a named pipe must never make a
 * reader wait for a writer (it used to hang), a device must never be read for ever.
 */
// A blocked open() of a named pipe ignores interrupts: time out from a separate thread.
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InputFileTest {

    @TempDir
    Path dir;

    /** Asserts that {@code read} fails with a {@code type} whose message names {@code file} and says {@code what}. */
    private static <T extends IOException> T refused(Class<T> type, Path file, String what, Executable read) {
        IOException e = assertThrows(IOException.class, read);
        assertInstanceOf(type, e, e.toString());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(what), () -> "'" + what + "' not in: " + e.getMessage());
        return type.cast(e);
    }

    private Path fifo(String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        } catch (IOException e) {
            mk = null;
        }
        assumeTrue(mk != null && mk.waitFor() == 0 && Files.exists(p), "mkfifo is available");
        return p;
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.csv");
        refused(NoSuchFileException.class, p, "no such file", () -> CsvReader.csv().read(p));
        Path q = dir.resolve("no/such/folder/x.nii");
        NoSuchFileException e = refused(NoSuchFileException.class, q, "no such file", () -> NiftiReader.read(q));
        assertTrue(e.getMessage().contains("the folder " + dir.resolve("no") + " does not exist"), e.getMessage());
        refused(NoSuchFileException.class, q, "no such file", () -> NiftiReader.readHeader(q));
    }

    @Test
    void folderWhereAFileIsExpected() throws IOException {
        Path d = Files.createDirectory(dir.resolve("table.csv"));
        refused(FileSystemException.class, d, "is a folder, not a file", () -> CsvReader.csv().read(d));
        Path n = Files.createDirectory(dir.resolve("image.nii"));
        refused(FileSystemException.class, n, "is a folder, not a file", () -> NiftiReader.read(n));
        Path hdr = Files.createDirectory(dir.resolve("pair.hdr"));
        Files.write(dir.resolve("pair.img"), new byte[8]);
        refused(FileSystemException.class, hdr, "is a folder, not a file", () -> NiftiReader.read(dir.resolve("pair.img")));
    }

    @Test
    void namedPipeIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path csv = fifo("pipe.csv");
        FileSystemException e = refused(FileSystemException.class, csv, "named pipe (FIFO)", () -> CsvReader.csv().read(csv));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        Path nii = fifo("pipe.nii");
        refused(FileSystemException.class, nii, "named pipe", () -> NiftiReader.read(nii));
        refused(FileSystemException.class, nii, "named pipe", () -> NiftiReader.readHeader(nii));
        Path gz = fifo("pipe.nii.gz");
        refused(FileSystemException.class, gz, "named pipe", () -> NiftiReader.read(gz));
        // one half of a pair
        Files.write(dir.resolve("half.hdr"), new byte[348]);
        Path img = fifo("half.img");
        refused(FileSystemException.class, img, "named pipe", () -> NiftiReader.read(dir.resolve("half.hdr")));
    }

    @Test
    void deviceIsRefusedRatherThanReadForEver() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "/dev/zero exists");
        refused(FileSystemException.class, zero, "character device", () -> CsvReader.csv().read(zero));
        refused(FileSystemException.class, zero, "character device", () -> NiftiReader.read(zero));
    }

    @Test
    void unreadableFile() throws IOException {
        Path p = Files.writeString(dir.resolve("secret.csv"), "a,b\n1,2\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(p), "not running as root (root reads everything)");
        refused(AccessDeniedException.class, p, "permission denied", () -> CsvReader.csv().read(p));
        refused(AccessDeniedException.class, p, "permission denied", () -> NiftiReader.read(p));
    }

    @Test
    void infoReportsEachBadFileAndListsTheGoodOnes() throws Exception {
        Path pipe = fifo("info-pipe.nii");
        Path folder = Files.createDirectory(dir.resolve("folder.nii"));
        Path missing = dir.resolve("missing.nii");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VolumeInfo.run(List.of(pipe.toString(), folder.toString(), missing.toString(), "testdata/nifti/standard.nii.gz"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(VolumeInfo.UNREADABLE, code);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains(pipe + ": is a named pipe"), e);
        assertTrue(e.contains(folder + ": is a folder, not a file"), e);
        assertTrue(e.contains(missing + ": no such file"), e);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("standard.nii.gz"), "the readable file is still listed");
    }

    @Test
    void bidsDatasetWithSpecialFiles() throws Exception {
        Path notThere = dir.resolve("no-dataset");
        IOException e = assertThrows(IOException.class, () -> BidsReader.read(notThere));
        assertTrue(e.getMessage().contains(notThere + ": no such folder"), e.getMessage());
        Path file = Files.writeString(dir.resolve("file"), "x");
        e = assertThrows(IOException.class, () -> BidsReader.read(file));
        assertTrue(e.getMessage().contains("is a file, not a BIDS dataset folder"), e.getMessage());

        Path ds = Files.createDirectory(dir.resolve("ds"));
        Path description = ds.resolve("dataset_description.json");
        Files.createDirectory(description);
        e = assertThrows(IOException.class, () -> BidsReader.read(ds));
        assertTrue(e.getMessage().contains(description + ": is a folder, not a file"), e.getMessage());
        Files.delete(description);
        Files.writeString(description, "{\"Name\": \"n\", \"BIDSVersion\": \"1.8.0\"}");
        Path participants = ds.resolve("participants.tsv");
        new ProcessBuilder("mkfifo", participants.toString()).start().waitFor();
        assumeTrue(Files.exists(participants), "mkfifo is available");
        e = assertThrows(IOException.class, () -> BidsReader.read(ds));
        assertTrue(e.getMessage().contains(participants + ": is a named pipe"), e.getMessage());
    }
}
