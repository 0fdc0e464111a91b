package org.gyrus.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void newFilesGetTheUmaskPermissionsLikeAnyOtherFile() throws Exception {
        // Whatever this machine's umask, a file Gyrus writes gets what a plainly created file gets (not 0600).
        Path plain = Files.createFile(dir.resolve("plain"));
        Path ours = dir.resolve("ours.tsv");
        AtomicFile.write(ours, "x\n");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(ours));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws Exception {
        Path f = dir.resolve("shared.tsv");
        for (String perms : List.of("rw-r--r--", "rw-r-----", "rw-rw-r--")) {
            Files.writeString(f, "old");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
            AtomicFile.write(f, "new");
            assertEquals("new", Files.readString(f));
            assertEquals(perms, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws Exception {
        Path f = dir.resolve("a.txt");
        AtomicFile.write(f, "old");
        assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("a.txt"), names());
    }

    @Test
    void staleTemporariesAreDeletedAndFreshOnesAndOtherFilesKept() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub-01/pca.report/figures"));
        Path stale = Files.writeString(dir.resolve(".x.tsv.0123456789abcdef" + AtomicFile.TEMPORARY_SUFFIX), "half");
        Path staleDeep = Files.writeString(sub.resolve(".a.png.00" + AtomicFile.TEMPORARY_SUFFIX), "half");
        Path fresh = Files.writeString(dir.resolve(".y.tsv.99" + AtomicFile.TEMPORARY_SUFFIX), "being written");
        Path users = Files.writeString(dir.resolve(".hidden-notes"), "mine");
        Path visible = Files.writeString(dir.resolve("z" + AtomicFile.TEMPORARY_SUFFIX), "not hidden: not ours");
        Instant start = Instant.now();
        for (Path p : List.of(stale, staleDeep, users, visible)) {
            Files.setLastModifiedTime(p, FileTime.from(start.minusSeconds(60)));
        }
        Files.setLastModifiedTime(fresh, FileTime.from(start.plusSeconds(1)));
        assertEquals(2, AtomicFile.deleteStaleTemporaries(dir, 5, start));
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(staleDeep));
        assertTrue(Files.exists(fresh) && Files.exists(users) && Files.exists(visible));
    }

    @Test
    void temporaryNamesAreHiddenAndFitLongTargets() throws Exception {
        String longName = "n".repeat(250);
        AtomicFile.write(dir.resolve(longName), "x");
        assertEquals(List.of(longName), names());
        assertTrue(AtomicFile.isTemporary(".a.tsv.0011" + AtomicFile.TEMPORARY_SUFFIX));
        assertFalse(AtomicFile.isTemporary("a.tsv"));
    }
}
