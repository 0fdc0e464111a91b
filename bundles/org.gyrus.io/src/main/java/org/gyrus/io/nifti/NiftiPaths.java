package org.gyrus.io.nifti;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.gyrus.io.InputFile;

/**
 * Where the header and the voxels of an image live: one {@code .nii[.gz]} file, or a
 * {@code .hdr}/{@code .img} pair (each possibly gzipped), whatever the case of the extension.
 * Compression is detected from the content (the gzip magic), not trusted from the name.
 */
record NiftiPaths(Path header, Path image, boolean pair) {

    /** The size of the inflater's input buffer: large enough that the inflater, not I/O calls, sets the pace. */
    static final int GZIP_BUFFER = 1 << 18;

    /**
     * The files of the image named by {@code path} (either half of a pair may be named), each
     * checked to be a readable regular file ({@link InputFile}).
     */
    static NiftiPaths of(Path path) throws IOException {
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String stem;
        String gz = "";
        if (lower.endsWith(".gz")) {
            gz = name.substring(name.length() - 3);
            lower = lower.substring(0, lower.length() - 3);
            name = name.substring(0, name.length() - 3);
        }
        if (lower.endsWith(".hdr") || lower.endsWith(".img")) {
            stem = name.substring(0, name.length() - 4);
            boolean upper = Character.isUpperCase(name.charAt(name.length() - 1));
            Path hdr = lower.endsWith(".hdr") ? path : sibling(path, stem, upper ? ".HDR" : ".hdr", gz);
            Path img = lower.endsWith(".img") ? path : sibling(path, stem, upper ? ".IMG" : ".img", gz);
            if (!Files.exists(hdr)) {
                throw new NiftiFormatException(path, "file", "the header file of the pair is missing (looked for " + hdr.getFileName() + ")");
            }
            if (!Files.exists(img)) {
                throw new NiftiFormatException(path, "file", "the image file of the pair is missing (looked for " + img.getFileName() + ")");
            }
            InputFile.check(hdr);
            InputFile.check(img);
            return new NiftiPaths(hdr, img, true);
        }
        InputFile.check(path);
        return new NiftiPaths(path, path, false);
    }

    /** The partner file with extension {@code ext}, with or without .gz (matching the given one first). */
    private static Path sibling(Path path, String stem, String ext, String gz) {
        Path dir = path.toAbsolutePath().getParent();
        String[] candidates = gz.isEmpty()
                ? new String[] {stem + ext, stem + ext + ".gz", stem + ext + ".GZ"}
                : new String[] {stem + ext + gz, stem + ext, stem + ext + ".gz"};
        for (String c : candidates) {
            Path p = dir.resolve(c);
            if (Files.exists(p)) {
                return p;
            }
        }
        return dir.resolve(candidates[0]);
    }

    /** Whether {@code file} starts with the gzip magic bytes 1f 8b. */
    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * The decompressed content of {@code file} (inflated if it is gzip; every member of a
     * multi-member gzip, as {@code cat a.gz b.gz} makes).
     */
    static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (!isGzip(file)) {
            return new BufferedInputStream(raw, 1 << 16);
        }
        try {
            return new GZIPInputStream(raw, GZIP_BUFFER);
        } catch (IOException e) {
            raw.close();
            throw new NiftiFormatException(file, "gzip stream", "corrupt gzip header: " + e.getMessage(), e);
        }
    }

    /** Reads up to {@code n} bytes; fewer only at the end of the stream. */
    static int readFully(InputStream in, byte[] buf, int off, int n) throws IOException {
        int total = 0;
        while (total < n) {
            int r = in.read(buf, off + total, n - total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }
}
