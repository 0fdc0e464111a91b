package org.gyrus.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

import org.gyrus.pipeline.internal.FileHashes;
import org.gyrus.pipeline.internal.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File hashes are remembered across processes by size, time and identity, and recomputed when one changes. */
class FileHashesTest {

    @TempDir
    Path dir;

    @Test
    void aStoredHashIsReusedWhileTheFileLooksTheSameAndRecomputedWhenItDoesNot() throws Exception {
        Path store = dir.resolve("hashes.tsv");
        Path f = Files.writeString(dir.resolve("sub-01.nii"), "voxels A");
        FileTime t = FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(f, t);
        String a = new FileHashes(store).of(f);
        assertEquals(Sha256.of("voxels A"), a);

        // Rewritten in place with the same size and time: a new process trusts the stored hash, as
        // make and rsync do, and so never reads the file.
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("voxels B".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0);
        }
        Files.setLastModifiedTime(f, t);
        assertEquals(a, new FileHashes(store).of(f));

        Files.setLastModifiedTime(f, FileTime.fromMillis(1_600_000_000_001L));
        FileHashes later = new FileHashes(store);
        assertEquals(Sha256.of("voxels B"), later.of(f));
        assertEquals(Sha256.of("voxels B"), new FileHashes(store).of(f), "the new hash was stored");

        Files.writeString(f, "voxels CC");
        assertNotEquals(Sha256.of("voxels B"), later.of(f), "another size is hashed anew");
    }

    @Test
    void aTornOrForeignLineInTheStoreIsSkipped() throws Exception {
        Path store = Files.writeString(dir.resolve("hashes.tsv"), "garbage\n12\tx\n");
        Path f = Files.writeString(dir.resolve("a.csv"), "id\n1\n");
        assertEquals(Sha256.of("id\n1\n"), new FileHashes(store).of(f));
        assertEquals(Sha256.of("id\n1\n"), new FileHashes(store).of(f));
    }
}
