package org.gyrus.pipeline.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * SHA-256 of text, files and directory trees. File hashes are remembered by path, size and
 * modification time, so a 2 GB volume is read once per process, not once per cache lookup.
 */
public final class Sha256 {

    private record Stamp(long size, long modified) {
    }

    private record Known(Stamp stamp, String hash) {
    }

    private static final Map<Path, Known> KNOWN = new ConcurrentHashMap<>();

    private Sha256() {
    }

    /** A new SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The hex SHA-256 of {@code text} in UTF-8. */
    public static String of(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The hex SHA-256 of a file's content, or for a directory of its sorted relative paths and
     * their files' hashes.
     *
     * @throws IOException if it cannot be read (a missing file included)
     */
    public static String ofPath(Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            MessageDigest d = digest();
            List<Path> files;
            try (Stream<Path> s = Files.walk(p)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                d.update((p.relativize(f).toString().replace('\\', '/') + "\0" + ofPath(f) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        }
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        if (!a.isRegularFile()) {
            // Reading a named pipe would block forever, a device might never end.
            throw new IOException(p + " is not a regular file (a named pipe or a device)");
        }
        Stamp stamp = new Stamp(a.size(), a.lastModifiedTime().toMillis());
        Known k = KNOWN.get(p);
        if (k != null && k.stamp().equals(stamp)) {
            return k.hash();
        }
        MessageDigest d = digest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0;) {
                d.update(buf, 0, n);
            }
        }
        String hash = HexFormat.of().formatHex(d.digest());
        KNOWN.put(p, new Known(stamp, hash));
        return hash;
    }
}
